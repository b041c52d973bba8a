import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type Organization,
  type OrganizationPatch,
  useOrganization,
  useUpdateOrganization,
} from '../../api/organizations.ts';
import { type Person, type PersonPatch, usePerson, useUpdatePerson } from '../../api/persons.ts';
import { channelsToSend } from '../../components/channel-editor.tsx';
import { type ContactChoice, resolveContact } from '../../components/contact-pickers.tsx';
import { CustomFieldRows } from '../../components/custom-fields/index.ts';
import { FilesSection } from '../../components/files/files-section.tsx';
import { InlineField } from '../../components/inline-field/index.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { type ContactKindPage, ContactPage } from './contact-page.tsx';
import { ParticipantDealsSection } from './participant-deals.tsx';
import { DealsSection, LeadsSection, PeopleSection } from './related.tsx';

const trimmed = (v: string | null) => v?.trim() || null;

function PersonFields({ record: person }: { record: Person }) {
  const t = useT();
  const update = useUpdatePerson(person.id);
  const org = useOrganization(person.org_id);
  const save = async (patch: PersonPatch) => {
    await update.mutateAsync(patch);
    notifications.show({ color: 'teal', message: t('contacts.person.saved') });
  };
  const orgName = org.data?.name ?? (org.isError ? t('contacts.person.hiddenOrganization') : '…');
  const organization: ContactChoice | null = person.org_id
    ? { kind: 'existing', id: person.org_id, name: orgName }
    : null;
  return (
    <>
      <InlineField
        type="varchar"
        label={t('contacts.field.name')}
        value={person.name}
        options={{ required: true, maxLength: 255 }}
        onSave={(name) => save({ name: (name ?? '').trim() })}
      />
      <InlineField
        type="org"
        label={t('contacts.field.organization')}
        value={organization}
        onSave={async (choice) =>
          save({
            org_id: await resolveContact(choice, { entity: 'organization', ownerId: person.owner_id }),
          })
        }
      />
      <InlineField
        type="email"
        label={t('contacts.field.email')}
        value={person.emails}
        onSave={(emails) => save({ emails: channelsToSend(emails) })}
      />
      <InlineField
        type="phone"
        label={t('contacts.field.phone')}
        value={person.phones}
        onSave={(phones) => save({ phones: channelsToSend(phones) })}
      />
      <InlineField
        type="varchar"
        label={t('contacts.field.jobTitle')}
        value={person.job_title ?? null}
        onSave={(job_title) => save({ job_title: trimmed(job_title) })}
      />
      <InlineField
        type="user"
        label={t('contacts.field.owner')}
        value={person.owner_id}
        onSave={(owner_id) => save({ owner_id })}
      />
      <InlineField
        type="visibility"
        label={t('contacts.field.visibleTo')}
        value={person.visible_to}
        onSave={(visible_to) => save({ visible_to })}
      />
      <CustomFieldRows entity="person" source={{ shape: 'v2', values: person.custom_fields }} save={save} />
    </>
  );
}

const link = (url: string | null) => {
  if (!url) return undefined;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size="sm"
      onClick={(e) => e.stopPropagation()}
    >
      {url}
    </Anchor>
  );
};

function OrganizationFields({ record: org }: { record: Organization }) {
  const t = useT();
  const update = useUpdateOrganization(org.id);
  const save = async (patch: OrganizationPatch) => {
    await update.mutateAsync(patch);
    notifications.show({ color: 'teal', message: t('contacts.organization.saved') });
  };
  return (
    <>
      <InlineField
        type="varchar"
        label={t('contacts.field.name')}
        value={org.name}
        options={{ required: true, maxLength: 255 }}
        onSave={(name) => save({ name: (name ?? '').trim() })}
      />
      <InlineField
        type="address"
        label={t('contacts.field.address')}
        value={org.address.value}
        // sent only when changed: an unchanged address keeps its parts
        onSave={(address) => save({ address: trimmed(address) })}
      />
      <InlineField
        type="varchar"
        label={t('contacts.field.website')}
        value={org.website}
        options={{ maxLength: 2048 }}
        display={link(org.website)}
        onSave={(website) => save({ website: trimmed(website) })}
      />
      <InlineField
        type="varchar"
        label={t('contacts.field.linkedin')}
        value={org.linkedin}
        options={{ maxLength: 2048 }}
        display={link(org.linkedin)}
        onSave={(linkedin) => save({ linkedin: trimmed(linkedin) })}
      />
      <InlineField
        type="double"
        label={t('contacts.field.employees')}
        value={org.employee_count}
        options={{ min: 0, max: 2_147_483_647, integer: true }}
        onSave={(employee_count) => save({ employee_count })}
      />
      <InlineField
        type="double"
        label={t('contacts.field.annualRevenue')}
        value={org.annual_revenue}
        options={{ min: 0 }}
        display={org.annual_revenue === null ? undefined : formatNumber(org.annual_revenue)}
        onSave={(annual_revenue) => save({ annual_revenue })}
      />
      <InlineField
        type="user"
        label={t('contacts.field.owner')}
        value={org.owner_id}
        onSave={(owner_id) => save({ owner_id })}
      />
      <InlineField
        type="visibility"
        label={t('contacts.field.visibleTo')}
        value={org.visible_to}
        onSave={(visible_to) => save({ visible_to })}
      />
      <CustomFieldRows
        entity="organization"
        source={{ shape: 'v2', values: org.custom_fields }}
        save={save}
      />
    </>
  );
}

export const personPage: ContactKindPage<Person> = {
  kind: 'person',
  useRecord: usePerson,
  list: { path: '/contacts/people', label: 'contacts.people' },
  words: {
    notFound: 'contacts.person.notFound',
    loading: 'contacts.person.loading',
    fields: 'contacts.person.title',
  },
  subtitle: (p) => p.job_title || null,
  filter: (p) => ({ person_id: p.id }),
  Fields: PersonFields,
  related: (p, filter) => (
    <>
      <LeadsSection filter={filter} />
      <DealsSection filter={filter} />
      <FilesSection target={filter} />
      <ParticipantDealsSection personId={p.id} />
    </>
  ),
};

export const organizationPage: ContactKindPage<Organization> = {
  kind: 'organization',
  useRecord: useOrganization,
  list: { path: '/contacts/organizations', label: 'contacts.organizations' },
  words: {
    notFound: 'contacts.organization.notFound',
    loading: 'contacts.organization.loading',
    fields: 'contacts.organization.title',
  },
  subtitle: (o) => o.address.value || null,
  filter: (o) => ({ org_id: o.id }),
  Fields: OrganizationFields,
  related: (o, filter) => (
    <>
      <PeopleSection org={{ id: o.id, name: o.name }} />
      <LeadsSection filter={filter} />
      <DealsSection filter={filter} />
      <FilesSection target={filter} />
    </>
  ),
};

/** The routes' elements. */
export const PersonPage = () => <ContactPage page={personPage} />;
export const OrganizationPage = () => <ContactPage page={organizationPage} />;
