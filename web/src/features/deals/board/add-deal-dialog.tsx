import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { type DealCreate, useCreateDeal } from '../../../api/deals.ts';
import { usePipelines } from '../../../api/pipelines.ts';
import { useSession } from '../../../api/session.tsx';
import { useStages } from '../../../api/stages.ts';
import { useUsers } from '../../../api/users.ts';
import {
  type ContactChoice,
  OrganizationPicker,
  PersonPicker,
  resolveContact,
} from '../../../components/contact-pickers.tsx';
import { currencyOptions } from '../../../components/currencies.ts';
import { DateField } from '../../../components/date-field.tsx';
import { Modal } from '../../../components/modal.tsx';
import { numberInputSeparators } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { PickerDuplicateWarnings } from '../../contacts/duplicate-warning.tsx';

export interface AddDealDialogProps {
  opened: boolean;
  onClose: () => void;
  pipelineId: number | null;
}

interface Form {
  title: string;
  person: ContactChoice | null;
  org: ContactChoice | null;
  value: number | string;
  currency: string;
  pipelineId: string | null;
  stageId: string | null;
  expectedCloseDate: string;
  ownerId: string | null;
}

/** "Add deal": title, contact (person or organization, existing or new), value, where, when, who. */
export function AddDealDialog({ opened, onClose, pipelineId }: AddDealDialogProps) {
  const t = useT();
  const mobile = useMediaQuery('(max-width: 48em)');
  const session = useSession();
  const navigate = useNavigate();
  const pipelines = usePipelines();
  const users = useUsers();
  const blank = (): Form => ({
    title: '',
    person: null,
    org: null,
    value: '',
    currency: session.company.default_currency,
    pipelineId: pipelineId === null ? null : String(pipelineId),
    stageId: null,
    expectedCloseDate: '',
    ownerId: String(session.user.id),
  });
  const [form, setForm] = useState<Form>(blank);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'contact' | 'value', string>>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens
  useEffect(() => {
    if (opened) {
      setForm(blank());
      setErrors({});
    }
  }, [opened]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const stages = useStages(form.pipelineId === null ? null : Number(form.pipelineId));
  useEffect(() => {
    const first = stages.data?.[0];
    if (first && !stages.data?.some((s) => String(s.id) === form.stageId)) {
      setForm((f) => ({ ...f, stageId: String(first.id) }));
    }
  }, [stages.data, form.stageId]);

  const save = useCreateDeal();
  const create = (f: Form) =>
    save.mutate(
      async () => {
        const orgId = await resolveContact(f.org, { entity: 'organization' });
        const personId = await resolveContact(f.person, { entity: 'person', orgId });
        // Contacts made now are existing ones if the deal fails and Save is pressed again.
        setForm((cur) => ({
          ...cur,
          org: orgId !== null && f.org ? { kind: 'existing', id: orgId, name: f.org.name } : cur.org,
          person:
            personId !== null && f.person
              ? { kind: 'existing', id: personId, name: f.person.name }
              : cur.person,
        }));
        const body: DealCreate = {
          title: f.title.trim(),
          person_id: personId,
          org_id: orgId,
          currency: f.currency,
          owner_id: f.ownerId === null ? undefined : Number(f.ownerId),
        };
        if (f.value !== '') body.value = Number(f.value);
        if (f.stageId) body.stage_id = Number(f.stageId);
        else if (f.pipelineId) body.pipeline_id = Number(f.pipelineId);
        if (f.expectedCloseDate) body.expected_close_date = f.expectedCloseDate;
        return body;
      },
      {
        onSuccess: (deal) => {
          notifications.show({ color: 'teal', message: t('deals.add.done', { title: deal.title }) });
          onClose();
          if (pipelineId !== null && deal.pipeline_id !== pipelineId)
            navigate(`/deals?pipeline=${deal.pipeline_id}`);
        },
      },
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!form.title.trim()) next.title = t('deals.error.title');
    if (form.person === null && form.org === null) next.contact = t('deals.error.contact');
    if (form.value !== '' && !Number.isFinite(Number(form.value))) next.value = t('deals.error.number');
    setErrors(next);
    if (Object.keys(next).length === 0) create(form);
  };

  const userOptions = (users.data ?? [])
    .filter((u) => u.active_flag || String(u.id) === form.ownerId)
    .map((u) => ({ value: String(u.id), label: u.name }));

  return (
    <Modal opened={opened} onClose={onClose} title={t('deals.add.title')} fullScreen={mobile} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('deals.field.title')}
            required
            maxLength={255}
            value={form.title}
            error={errors.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <PersonPicker
              label={t('deals.field.person')}
              value={form.person}
              onChange={(v) => set('person', v)}
              error={errors.contact}
              organizationId={form.org?.kind === 'existing' ? form.org.id : null}
            />
            <OrganizationPicker
              label={t('deals.field.organization')}
              value={form.org}
              onChange={(v) => set('org', v)}
              error={errors.contact ? ' ' : undefined}
            />
            <PickerDuplicateWarnings
              person={form.person}
              org={form.org}
              onPerson={(v) => set('person', v)}
              onOrg={(v) => set('org', v)}
            />
            <NumberInput
              label={t('deals.field.value')}
              min={0}
              max={1e15}
              decimalScale={2}
              {...numberInputSeparators()}
              value={form.value}
              error={errors.value}
              onChange={(v) => set('value', v)}
            />
            <Select
              label={t('deals.field.currency')}
              searchable
              allowDeselect={false}
              data={currencyOptions(session.company.default_currency)}
              value={form.currency}
              onChange={(v) => set('currency', v ?? session.company.default_currency)}
            />
            <Select
              label={t('deals.field.pipeline')}
              allowDeselect={false}
              data={(pipelines.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
              value={form.pipelineId}
              onChange={(v) => setForm((f) => ({ ...f, pipelineId: v, stageId: null }))}
            />
            <Select
              label={t('deals.field.stage')}
              allowDeselect={false}
              data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
              value={form.stageId}
              onChange={(v) => set('stageId', v)}
            />
            <DateField
              label={t('deals.field.expectedCloseDate')}
              value={form.expectedCloseDate || null}
              onChange={(v) => set('expectedCloseDate', v ?? '')}
            />
            <Select
              label={t('deals.field.owner')}
              allowDeselect={false}
              searchable
              data={userOptions}
              value={form.ownerId}
              onChange={(v) => set('ownerId', v)}
            />
          </SimpleGrid>
          {save.isError && (
            <Alert color="red" role="alert">
              {save.error instanceof Error ? save.error.message : String(save.error)}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('deals.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
