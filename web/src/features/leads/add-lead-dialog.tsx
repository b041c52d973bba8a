import { Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useLeadLabels } from '../../api/lead-labels.ts';
import { useCreateLead } from '../../api/leads.ts';
import { useSession } from '../../api/session.tsx';
import { useUsers } from '../../api/users.ts';
import {
  type ContactChoice,
  OrganizationPicker,
  PersonPicker,
  resolveContact,
} from '../../components/contact-pickers.tsx';
import { currencyOptions } from '../../components/currencies.ts';
import { DateField } from '../../components/date-field.tsx';
import { Modal } from '../../components/modal.tsx';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { PickerDuplicateWarnings } from '../contacts/duplicate-warning.tsx';

interface Form {
  title: string;
  person: ContactChoice | null;
  organization: ContactChoice | null;
  value: number | string;
  currency: string;
  expectedCloseDate: string | null;
  labelIds: string[];
  ownerId: string | null;
}

type Errors = Partial<Record<'title' | 'contact' | 'value', MessageId>>;

function validate(f: Form): Errors {
  const e: Errors = {};
  if (!f.title.trim()) e.title = 'leads.add.titleRequired';
  else if (f.title.trim().length > 255) e.title = 'common.maxLength';
  if (!f.person && !f.organization) e.contact = 'leads.add.contactRequired';
  if (f.value !== '' && !Number.isFinite(Number(f.value))) e.value = 'leads.add.numberRequired';
  return e;
}

function AddLeadForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const users = useUsers();
  const labels = useLeadLabels();
  const [form, setForm] = useState<Form>({
    title: '',
    person: null,
    organization: null,
    value: '',
    currency: session.company.default_currency,
    expectedCloseDate: null,
    labelIds: [],
    ownerId: String(session.user.id),
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const field = key === 'person' || key === 'organization' ? 'contact' : key;
    setErrors((e) => (field in e ? { ...e, [field]: undefined } : e));
  };

  const save = useCreateLead();
  const create = (f: Form) =>
    save.mutate(
      async () => {
        const ownerId = f.ownerId ? Number(f.ownerId) : undefined;
        // once created, a new contact is kept as existing: a retry after a refusal does not add it twice
        const organizationId = await resolveContact(f.organization, { entity: 'organization', ownerId });
        if (f.organization?.kind === 'new' && organizationId !== null) {
          set('organization', { kind: 'existing', id: organizationId, name: f.organization.name });
        }
        const personId = await resolveContact(f.person, { entity: 'person', orgId: organizationId, ownerId });
        if (f.person?.kind === 'new' && personId !== null) {
          set('person', { kind: 'existing', id: personId, name: f.person.name });
        }
        return {
          title: f.title.trim(),
          person_id: personId,
          organization_id: organizationId,
          value: f.value === '' ? null : { amount: Number(f.value), currency: f.currency },
          expected_close_date: f.expectedCloseDate,
          label_ids: f.labelIds,
          ...(ownerId ? { owner_id: ownerId } : {}),
        };
      },
      {
        onSuccess: (lead) => {
          notifications.show({
            color: 'green',
            title: t('leads.add.added'),
            message: lead.title,
            onClick: () => navigate(`/leads/${lead.id}`),
          });
          onDone();
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: t('leads.add.failed'), message: e.message }),
      },
    );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found = validate(form);
    setErrors(found);
    if (Object.keys(found).length === 0) create(form);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('leads.field.title')}
          required
          data-autofocus
          value={form.title}
          error={errors.title && t(errors.title, { max: 255 })}
          onChange={(e) => set('title', e.currentTarget.value)}
        />
        <PersonPicker
          label={t('leads.field.person')}
          value={form.person}
          onChange={(v) => set('person', v)}
          error={errors.contact && t(errors.contact)}
        />
        <OrganizationPicker
          label={t('leads.field.organization')}
          value={form.organization}
          onChange={(v) => set('organization', v)}
          error={!!errors.contact}
        />
        <PickerDuplicateWarnings
          person={form.person}
          org={form.organization}
          onPerson={(v) => set('person', v)}
          onOrg={(v) => set('organization', v)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label={t('leads.field.value')}
            min={0}
            decimalScale={2}
            thousandSeparator
            value={form.value}
            error={errors.value && t(errors.value)}
            onChange={(v) => set('value', v)}
          />
          <Select
            label={t('leads.field.currency')}
            searchable
            allowDeselect={false}
            data={currencyOptions(session.company.default_currency)}
            value={form.currency}
            onChange={(v) => v && set('currency', v)}
          />
          <DateField
            label={t('leads.field.expectedCloseDate')}
            value={form.expectedCloseDate}
            onChange={(v) => set('expectedCloseDate', v)}
            clearable
          />
          <Select
            label={t('leads.field.owner')}
            allowDeselect={false}
            data={(users.data ?? [])
              .filter((u) => u.active_flag)
              .map((u) => ({
                value: String(u.id),
                label: u.id === session.user.id ? t('leads.add.you', { name: u.name }) : u.name,
              }))}
            value={form.ownerId}
            onChange={(v) => set('ownerId', v)}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('leads.field.labels')}
          data={(labels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={form.labelIds}
          onChange={(v) => set('labelIds', v)}
          clearable
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "+ Lead": the Add lead dialog (new persons and organizations are created on Save). */
export function AddLeadDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const mobile = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.add.title')} fullScreen={mobile} size="lg">
      <AddLeadForm onDone={onClose} />
    </Modal>
  );
}
