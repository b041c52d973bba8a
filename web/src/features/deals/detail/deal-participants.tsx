import { ActionIcon, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAddParticipant, useParticipants, useRemoveParticipant } from '../../../api/participants.ts';
import { type ContactChoice, PersonPicker, resolveContact } from '../../../components/contact-pickers.tsx';
import { useT } from '../../../i18n/provider.tsx';

/** The deal's Participants panel: extra persons, added with the person picker and removed one by one. */
export function DealParticipants({ dealId, readOnly }: { dealId: number; readOnly: boolean }) {
  const t = useT();
  const participants = useParticipants(dealId);
  const add = useAddParticipant(dealId);
  const remove = useRemoveParticipant(dealId);
  const [choice, setChoice] = useState<ContactChoice | null | undefined>(undefined);
  const failed = (e: Error) =>
    notifications.show({ color: 'red', title: t('participants.failed'), message: e.message });
  const save = (c: ContactChoice | null) => {
    if (c === null) return;
    add.mutate(() => resolveContact(c, { entity: 'person' }), {
      onSuccess: () => setChoice(undefined),
      onError: failed,
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-participants-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={4} id="deal-participants-title">
            {t('participants.title')}
          </Title>
          {!readOnly && choice === undefined && (
            <Button size="compact-sm" variant="subtle" onClick={() => setChoice(null)}>
              {t('participants.add')}
            </Button>
          )}
        </Group>
        {choice !== undefined && (
          <Stack gap="xs">
            <PersonPicker label={t('participants.person')} value={choice} onChange={setChoice} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="compact-sm" onClick={() => setChoice(undefined)}>
                {t('participants.cancel')}
              </Button>
              <Button
                size="compact-sm"
                loading={add.isPending}
                disabled={choice === null}
                onClick={() => save(choice)}
              >
                {t('participants.save')}
              </Button>
            </Group>
          </Stack>
        )}
        {participants.isPending ? (
          <Text size="sm" c="dimmed">
            {t('participants.loading')}
          </Text>
        ) : participants.isError || participants.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('participants.none')}
          </Text>
        ) : (
          <Stack gap={4}>
            {participants.data.map((p) => (
              <Group key={p.id} justify="space-between" gap="xs" wrap="nowrap">
                <Anchor component={Link} to={`/contacts/people/${p.person_id.value}`} size="sm">
                  {p.person_id.name}
                </Anchor>
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={t('participants.remove', { name: p.person_id.name })}
                    loading={remove.isPending && remove.variables === p.id}
                    onClick={() => remove.mutate(p.id, { onError: failed })}
                  >
                    <IconX size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
