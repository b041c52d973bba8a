import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDownload, IconFileInvoice, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Deal } from '../../../../api/deals.ts';
import {
  type Invoice,
  invoicePdfUrl,
  useCreditInvoice,
  useDealInvoices,
  useMakeInvoicePdf,
  useSetInvoiceStatus,
} from '../../../../api/invoices.ts';
import { ConfirmDialog } from '../../../../components/confirm-dialog.tsx';
import { Modal } from '../../../../components/modal.tsx';
import { Empty, ErrorState, Loading } from '../../../../components/states.tsx';
import { useIsMobile } from '../../../../components/use-is-mobile.ts';
import { formatDay, formatMoney } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { CreateInvoiceDialog } from './create-invoice-dialog.tsx';

const STATUS_COLOR: Record<Invoice['status'], string> = {
  draft: 'gray',
  sent: 'blue',
  paid: 'green',
  void: 'red',
};

type Pending = { invoice: Invoice; action: 'sent' | 'void' | 'credit' } | null;

/** The deal's invoices: "Create invoice", the list with status actions, the PDF preview and download. */
export function InvoicesSection({ deal }: { deal: Deal }) {
  const t = useT();
  const invoices = useDealInvoices(deal.id);
  const [creating, setCreating] = useState(false);
  const [preview, setPreview] = useState<Invoice | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const status = useSetInvoiceStatus(deal.id);
  const credit = useCreditInvoice(deal.id);
  const makePdf = useMakeInvoicePdf(deal.id);
  const savePdf = (i: Invoice) =>
    makePdf.mutate(i.id, {
      onSuccess: () => notifications.show({ message: t('invoices.pdfSaved', { name: nameOf(i) }) }),
      onError: failed,
    });
  const nameOf = (i: Invoice) => `${t('invoices.kind', { kind: i.kind })} ${i.number ?? t('invoices.draft')}`;
  const failed = (e: Error) =>
    notifications.show({ color: 'red', title: t('invoices.actionFailed'), message: e.message });
  const markPaid = (i: Invoice) => status.mutate({ id: i.id, status: 'paid' }, { onError: failed });
  const confirm = () => {
    if (!pending) return;
    const done = { onSuccess: () => setPending(null) };
    if (pending.action === 'credit') credit.mutate(pending.invoice.id, done);
    else status.mutate({ id: pending.invoice.id, status: pending.action }, done);
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {t('invoices.title')}
          </Title>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setCreating(true)}
          >
            {t('invoices.create')}
          </Button>
        </Group>
        {invoices.isPending ? (
          <Loading label={t('invoices.loading')} />
        ) : invoices.isError ? (
          <ErrorState error={invoices.error} />
        ) : invoices.data.length === 0 ? (
          <Empty>{t('invoices.none')}</Empty>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            aria-label={t('invoices.list')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {invoices.data.map((i) => (
              <Paper key={i.id} component="li" withBorder p="xs" radius="sm">
                <Stack gap={6}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {nameOf(i)}
                    </Text>
                    <Badge color={STATUS_COLOR[i.status]} variant="light">
                      {t('invoices.status', { status: i.status })}
                    </Badge>
                  </Group>
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c="dimmed">
                      {t('invoices.dates', { issue: formatDay(i.issue_date), due: formatDay(i.due_date) })}
                    </Text>
                    <Text size="sm" fw={600}>
                      {formatMoney(i.total, i.currency)}
                    </Text>
                  </Group>
                  {i.kind === 'credit_note' && (
                    <Text size="xs" c="dimmed">
                      {t('invoices.credits', { number: i.note })}
                    </Text>
                  )}
                  <Group gap={6} role="group" aria-label={t('invoices.actionsOf', { name: nameOf(i) })}>
                    {i.status === 'draft' && (
                      <Button size="compact-xs" onClick={() => setPending({ invoice: i, action: 'sent' })}>
                        {t('invoices.send')}
                      </Button>
                    )}
                    {i.status === 'sent' && (
                      <Button size="compact-xs" loading={status.isPending} onClick={() => markPaid(i)}>
                        {t('invoices.markPaid')}
                      </Button>
                    )}
                    {i.kind === 'invoice' &&
                      (i.status === 'sent' || i.status === 'paid') &&
                      i.credit_note_id === null && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setPending({ invoice: i, action: 'credit' })}
                        >
                          {t('invoices.creditNote')}
                        </Button>
                      )}
                    {i.kind === 'invoice' && (i.status === 'draft' || i.status === 'sent') && (
                      <Button
                        size="compact-xs"
                        variant="default"
                        color="red"
                        onClick={() => setPending({ invoice: i, action: 'void' })}
                      >
                        {t('invoices.void')}
                      </Button>
                    )}
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconFileInvoice size={14} />}
                      onClick={() => setPreview(i)}
                    >
                      {t('invoices.preview')}
                    </Button>
                    {i.status === 'draft' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconDeviceFloppy size={14} />}
                        loading={makePdf.isPending && makePdf.variables === i.id}
                        onClick={() => savePdf(i)}
                      >
                        {t('invoices.savePdf')}
                      </Button>
                    )}
                    <Anchor href={invoicePdfUrl(i.id, true)} size="xs" download>
                      <Group gap={4} component="span">
                        <IconDownload size={14} aria-hidden />
                        {t('invoices.download')}
                      </Group>
                    </Anchor>
                  </Group>
                  {i.credit_note_id !== null && (
                    <Text size="xs" c="dimmed">
                      {t('invoices.creditedBy')}
                    </Text>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {creating && <CreateInvoiceDialog deal={deal} onClose={() => setCreating(false)} />}
      {preview && <PdfPreview invoice={preview} title={nameOf(preview)} onClose={() => setPreview(null)} />}
      {pending && (
        <ConfirmDialog
          opened
          title={
            pending.action === 'sent'
              ? t('invoices.sendTitle')
              : pending.action === 'void'
                ? t('invoices.voidTitle')
                : t('invoices.creditTitle')
          }
          confirmLabel={
            pending.action === 'sent'
              ? t('invoices.send')
              : pending.action === 'void'
                ? t('invoices.void')
                : t('invoices.creditNote')
          }
          loading={status.isPending || credit.isPending}
          error={status.error ?? credit.error}
          onConfirm={confirm}
          onClose={() => {
            status.reset();
            credit.reset();
            setPending(null);
          }}
        >
          {pending.action === 'sent'
            ? t('invoices.sendText')
            : pending.action === 'void'
              ? t('invoices.voidText')
              : t('invoices.creditText')}
        </ConfirmDialog>
      )}
    </Paper>
  );
}

/** The PDF in the browser's own viewer, with a download link beside it. */
function PdfPreview({ invoice, title, onClose }: { invoice: Invoice; title: string; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const name = t('invoices.previewTitle', { name: title });
  return (
    <Modal opened onClose={onClose} title={name} size="xl" fullScreen={mobile}>
      <Stack gap="sm">
        <Anchor href={invoicePdfUrl(invoice.id, true)} download size="sm">
          {t('invoices.download')}
        </Anchor>
        <iframe
          src={invoicePdfUrl(invoice.id)}
          title={name}
          style={{ width: '100%', height: mobile ? '75vh' : '70vh', border: 0 }}
        />
      </Stack>
    </Modal>
  );
}
