import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import type { Deal } from '../../../api/deals.ts';
import { useSession } from '../../../api/session.tsx';
import type { Stage } from '../../../api/stages.ts';
import { useUsers } from '../../../api/users.ts';
import { DateField } from '../../../components/date-field.tsx';
import { useVisibility } from '../../../components/visibility.ts';
import { formatPercent, numberInputSeparators } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/provider.tsx';
import { type DealPatch, useUpdateDeal } from '../actions.ts';
import { currencyOptions, day, money } from '../format.ts';

interface Form {
  value: number | string;
  currency: string;
  expectedCloseDate: string;
  ownerId: string | null;
  probability: number | string;
  visibleTo: string;
}

const formOf = (d: Deal): Form => ({
  value: d.value,
  currency: d.currency,
  expectedCloseDate: d.expected_close_date ?? '',
  ownerId: String(d.owner_id),
  probability: d.probability ?? '',
  visibleTo: String(d.visible_to),
});

/** Only what changed goes to the server. */
function patchOf(d: Deal, f: Form): DealPatch {
  const p: DealPatch = {};
  const value = f.value === '' ? 0 : Number(f.value);
  if (value !== d.value) p.value = value;
  if (f.currency !== d.currency) p.currency = f.currency;
  const close = f.expectedCloseDate || null;
  if (close !== d.expected_close_date) p.expected_close_date = close;
  if (f.ownerId !== null && Number(f.ownerId) !== d.owner_id) p.owner_id = Number(f.ownerId);
  const probability = f.probability === '' ? null : Number(f.probability);
  if (probability !== d.probability) p.probability = probability;
  if (Number(f.visibleTo) !== d.visible_to) p.visible_to = Number(f.visibleTo);
  return p;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** Summary: value, currency, expected close date, owner, probability and visibility; "Edit" to change. */
export function DealSummary({
  deal,
  stage,
  readOnly,
}: {
  deal: Deal;
  stage: Stage | undefined;
  readOnly: boolean;
}) {
  const t = useT();
  const visibilityWords = useVisibility();
  const visibilityOptions = visibilityWords.options.map((o) => ({ value: String(o.value), label: o.label }));
  const session = useSession();
  const users = useUsers();
  const update = useUpdateDeal(deal.id);
  const [form, setForm] = useState<Form | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));
  const owner =
    users.data?.find((u) => u.id === deal.owner_id)?.name ?? t('deals.summary.user', { id: deal.owner_id });
  const visibility = visibilityWords.label(deal.visible_to);
  const probability = deal.probability ?? stage?.deal_probability;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const patch = patchOf(deal, form);
    if (Object.keys(patch).length === 0) return setForm(null);
    update.mutate(patch, {
      onSuccess: () => {
        setForm(null);
        notifications.show({ color: 'teal', message: t('deals.summary.saved') });
      },
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-summary-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="deal-summary-title">
          {t('deals.summary.title')}
        </Title>
        {!readOnly && !form && (
          <Button size="compact-sm" variant="light" onClick={() => setForm(formOf(deal))}>
            {t('deals.edit')}
          </Button>
        )}
      </Group>
      {form ? (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <SimpleGrid cols={2} spacing="sm">
              <NumberInput
                label={t('deals.field.value')}
                min={0}
                max={1e15}
                decimalScale={2}
                {...numberInputSeparators()}
                value={form.value}
                onChange={(v) => set('value', v)}
              />
              <Select
                label={t('deals.field.currency')}
                searchable
                allowDeselect={false}
                data={currencyOptions(deal.currency, session.company.default_currency)}
                value={form.currency}
                onChange={(v) => v && set('currency', v)}
              />
            </SimpleGrid>
            <DateField
              label={t('deals.field.expectedCloseDate')}
              value={form.expectedCloseDate || null}
              onChange={(v) => set('expectedCloseDate', v ?? '')}
            />
            <Select
              label={t('deals.field.owner')}
              searchable
              allowDeselect={false}
              data={(users.data ?? [])
                .filter((u) => u.active_flag || u.id === deal.owner_id)
                .map((u) => ({ value: String(u.id), label: u.name }))}
              value={form.ownerId}
              onChange={(v) => set('ownerId', v)}
            />
            <NumberInput
              label={t('deals.field.probability')}
              description={
                stage
                  ? t('deals.summary.stageHint', { probability: formatPercent(stage.deal_probability) })
                  : undefined
              }
              min={0}
              max={100}
              suffix="%"
              value={form.probability}
              onChange={(v) => set('probability', v)}
            />
            <Select
              label={t('deals.field.visibility')}
              allowDeselect={false}
              data={visibilityOptions}
              value={form.visibleTo}
              onChange={(v) => v && set('visibleTo', v)}
            />
            {update.isError && (
              <Text c="red" size="sm" role="alert">
                {update.error.message}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>
                {t('deals.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('deals.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <SimpleGrid cols={2} spacing="sm">
          <Field label={t('deals.field.value')}>{money(deal.value, deal.currency)}</Field>
          <Field label={t('deals.field.expectedCloseDate')}>{day(deal.expected_close_date)}</Field>
          <Field label={t('deals.field.owner')}>{owner}</Field>
          <Field label={t('deals.field.probability')}>
            {probability === undefined
              ? '—'
              : deal.probability === null
                ? t('deals.summary.ofStage', { probability: formatPercent(probability) })
                : formatPercent(probability)}
          </Field>
          <Field label={t('deals.field.visibility')}>{visibility}</Field>
          {deal.status === 'lost' && (
            <Field label={t('deals.field.lostReason')}>{deal.lost_reason ?? '—'}</Field>
          )}
        </SimpleGrid>
      )}
    </Paper>
  );
}
