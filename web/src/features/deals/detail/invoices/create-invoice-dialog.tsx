import { Checkbox, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Deal } from '../../../../api/deals.ts';
import { type CreateInvoiceBody, useBillable, useCreateInvoice } from '../../../../api/invoices.ts';
import { DateField } from '../../../../components/date-field.tsx';
import { DialogForm } from '../../../../components/dialog-form.tsx';
import { Loading } from '../../../../components/states.tsx';
import { formatDay, formatMoney, localToday } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';

/** "Create invoice": bill chosen product lines (the enabled ones to start with) or one installment. */
export function CreateInvoiceDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const t = useT();
  const billable = useBillable(deal.id, true);
  const create = useCreateInvoice(deal.id);
  const [source, setSource] = useState<'lines' | 'installment'>('lines');
  const [lineIds, setLineIds] = useState<string[] | null>(null);
  const [installment, setInstallment] = useState<string | null>(null);
  const [issueDate, setIssueDate] = useState<string | null>(localToday());
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const lines = billable.data?.lines ?? [];
  const installments = billable.data?.installments ?? [];
  // the enabled lines are chosen once they are known
  useEffect(() => {
    if (billable.data && lineIds === null) {
      setLineIds(billable.data.lines.filter((l) => l.is_enabled).map((l) => String(l.id)));
    }
  }, [billable.data, lineIds]);

  const submit = () => {
    const body: CreateInvoiceBody = {};
    if (source === 'lines') {
      if (!lineIds || lineIds.length === 0) return setMissing(t('invoices.dialog.chooseLine'));
      body.line_ids = lineIds.map(Number);
    } else {
      if (!installment) return setMissing(t('invoices.dialog.noInstallments'));
      body.installment_id = Number(installment);
    }
    if (issueDate) body.issue_date = issueDate;
    if (dueDate) body.due_date = dueDate;
    if (note.trim()) body.note = note.trim();
    setMissing(null);
    create.mutate(body, { onSuccess: onClose });
  };

  return (
    <DialogForm
      title={t('invoices.dialog.title')}
      opened
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('invoices.dialog.submit')}
      busy={create.isPending}
      error={create.error}
      size="lg"
    >
      {billable.isPending ? (
        <Loading label={t('invoices.dialog.loading')} />
      ) : (
        <Stack gap="sm">
          {installments.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="invoice-bill-label">
                {t('invoices.dialog.bill')}
              </Text>
              <SegmentedControl
                aria-labelledby="invoice-bill-label"
                value={source}
                onChange={(v) => setSource(v === 'installment' ? 'installment' : 'lines')}
                data={[
                  { value: 'lines', label: t('invoices.dialog.fromLines') },
                  { value: 'installment', label: t('invoices.dialog.fromInstallment') },
                ]}
              />
            </Stack>
          )}
          {source === 'lines' ? (
            lines.length === 0 ? (
              <Text size="sm">{t('invoices.dialog.noLines')}</Text>
            ) : (
              <Checkbox.Group
                label={t('invoices.dialog.lines')}
                value={lineIds ?? []}
                onChange={setLineIds}
                error={missing}
              >
                <Stack gap={6} mt={6}>
                  {lines.map((l) => (
                    <Checkbox
                      key={l.id}
                      value={String(l.id)}
                      label={`${t('invoices.dialog.line', {
                        name: l.name,
                        sum: formatMoney(l.sum, l.currency),
                      })}${l.is_enabled ? '' : ` ${t('invoices.dialog.disabled')}`}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )
          ) : (
            <Radio.Group
              label={t('invoices.dialog.installment')}
              value={installment}
              onChange={setInstallment}
              error={missing}
            >
              <Stack gap={6} mt={6}>
                {installments.map((i) => (
                  <Radio
                    key={i.id}
                    value={String(i.id)}
                    label={t('invoices.dialog.installmentLabel', {
                      description: i.description,
                      amount: formatMoney(i.amount, deal.currency),
                      date: formatDay(i.billing_date),
                    })}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <DateField label={t('invoices.dialog.issueDate')} value={issueDate} onChange={setIssueDate} />
          <DateField
            label={t('invoices.dialog.dueDate')}
            description={t('invoices.dialog.dueHint')}
            value={dueDate}
            onChange={setDueDate}
            clearable
          />
          <Textarea
            label={t('invoices.dialog.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
        </Stack>
      )}
    </DialogForm>
  );
}
