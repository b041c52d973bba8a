import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Deal, useUpdateDeal } from '../../../api/deals.ts';
import { useOrganization } from '../../../api/organizations.ts';
import { usePerson } from '../../../api/persons.ts';
import {
  type ContactChoice,
  OrganizationPicker,
  PersonPicker,
  resolveContact,
} from '../../../components/contact-pickers.tsx';
import { useT } from '../../../i18n/provider.tsx';

interface Channel {
  value: string;
  primary: boolean;
}
const primary = (list: Channel[] | undefined) => (list?.find((c) => c.primary) ?? list?.[0])?.value ?? null;

type Kind = 'person' | 'organization';

function ContactSection({
  kind,
  deal,
  readOnly,
  name,
  details,
  loading,
}: {
  kind: Kind;
  deal: Deal;
  readOnly: boolean;
  name: string | null;
  details: (string | null)[];
  loading: boolean;
}) {
  const t = useT();
  const [choice, setChoice] = useState<ContactChoice | null | undefined>(undefined);
  const id = kind === 'person' ? deal.person_id : deal.org_id;
  const label = t(kind === 'person' ? 'deals.field.person' : 'deals.field.organization');
  const update = useUpdateDeal(deal.id);
  const saveContact = (c: ContactChoice | null) =>
    update.mutate(
      async () => {
        const newId = await resolveContact(c, {
          entity: kind,
          ...(kind === 'person' ? { orgId: deal.org_id } : {}),
        });
        return kind === 'person' ? { person_id: newId } : { org_id: newId };
      },
      {
        onSuccess: () => {
          setChoice(undefined);
          notifications.show({
            color: 'teal',
            message: t(kind === 'person' ? 'deals.contacts.personSaved' : 'deals.contacts.organizationSaved'),
          });
        },
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: t(kind === 'person' ? 'deals.contacts.personFailed' : 'deals.contacts.organizationFailed'),
            message: e.message,
          }),
      },
    );
  const href =
    id === null ? null : kind === 'person' ? `/contacts/people/${id}` : `/contacts/organizations/${id}`;

  if (choice !== undefined) {
    return (
      <Stack gap="xs">
        {kind === 'person' ? (
          <PersonPicker label={label} value={choice} onChange={setChoice} organizationId={deal.org_id} />
        ) : (
          <OrganizationPicker label={label} value={choice} onChange={setChoice} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-sm" onClick={() => setChoice(undefined)}>
            {t('deals.cancel')}
          </Button>
          <Button size="compact-sm" loading={update.isPending} onClick={() => saveContact(choice)}>
            {t('deals.save')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        {!readOnly && (
          <Button
            variant="subtle"
            size="compact-xs"
            aria-label={t(
              kind === 'person' ? 'deals.contacts.changePerson' : 'deals.contacts.changeOrganization',
            )}
            onClick={() => setChoice(id !== null && name ? { kind: 'existing', id, name } : null)}
          >
            {t(id === null ? 'deals.contacts.add' : 'deals.contacts.change')}
          </Button>
        )}
      </Group>
      {id === null ? (
        <Text size="sm" c="dimmed">
          {t('deals.contacts.none')}
        </Text>
      ) : loading ? (
        <Text size="sm" c="dimmed">
          {t('deals.contacts.loading')}
        </Text>
      ) : (
        <>
          <Anchor component={Link} to={href ?? '#'} size="sm" fw={600}>
            {name ?? `#${id}`}
          </Anchor>
          {details
            .filter((d): d is string => !!d)
            .map((d) => (
              <Text key={d} size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
                {d}
              </Text>
            ))}
        </>
      )}
    </Stack>
  );
}

/** The deal's person and organization with their main details; each can be changed with a picker. */
export function DealContacts({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const person = usePerson(deal.person_id);
  const org = useOrganization(deal.org_id);
  const t = useT();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-contacts-title">
      <Title order={3} size="h5" id="deal-contacts-title" mb="sm">
        {t('deals.contacts.title')}
      </Title>
      <Stack gap="md">
        <ContactSection
          kind="person"
          deal={deal}
          readOnly={readOnly}
          name={person.data?.name ?? null}
          details={[primary(person.data?.emails), primary(person.data?.phones)]}
          loading={person.isPending && deal.person_id !== null}
        />
        <ContactSection
          kind="organization"
          deal={deal}
          readOnly={readOnly}
          name={org.data?.name ?? null}
          details={[org.data?.address?.value ?? null, org.data?.website ?? null]}
          loading={org.isPending && deal.org_id !== null}
        />
      </Stack>
    </Paper>
  );
}
