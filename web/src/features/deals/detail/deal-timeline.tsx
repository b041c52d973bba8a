import { Anchor, Button, Chip, Group, Text, Timeline } from '@mantine/core';
import {
  IconBan,
  IconCash,
  IconCircleCheck,
  IconEye,
  IconFile,
  IconFileText,
  IconFileTypePdf,
  IconHistory,
  IconPlus,
  IconReceipt,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type TimelineItem, type TimelineKind, useDealTimeline } from '../../../api/deals.ts';
import { fileDownloadUrl } from '../../../api/files.ts';
import { invoicePdfUrl } from '../../../api/invoices.ts';
import { organizationKeys } from '../../../api/organizations.ts';
import { personKeys } from '../../../api/persons.ts';
import { usePipelines } from '../../../api/pipelines.ts';
import { useAllStages } from '../../../api/stages.ts';
import { useUsers } from '../../../api/users.ts';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { useVisibility } from '../../../components/visibility.ts';
import { formatNumber, formatPercent } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { useT } from '../../../i18n/provider.tsx';
import { day, money, when } from '../format.ts';

const FIELD_LABELS: Record<string, MessageId> = {
  title: 'deals.field.title',
  value: 'deals.field.value',
  currency: 'deals.field.currency',
  status: 'deals.field.status',
  stage_id: 'deals.field.stage',
  pipeline_id: 'deals.field.pipeline',
  person_id: 'deals.field.person',
  org_id: 'deals.field.organization',
  owner_id: 'deals.field.owner',
  probability: 'deals.field.probability',
  lost_reason: 'deals.field.lostReason',
  expected_close_date: 'deals.field.expectedCloseDate',
  visible_to: 'deals.field.visibility',
  label_ids: 'deals.field.labels',
  is_archived: 'deals.field.archived',
  archive_time: 'deals.field.archiveTime',
  won_time: 'deals.field.wonTime',
  lost_time: 'deals.field.lostTime',
  close_time: 'deals.field.closeTime',
  origin: 'deals.field.origin',
  origin_id: 'deals.field.originId',
  channel: 'deals.field.channel',
  channel_id: 'deals.field.channelId',
  source_lead_id: 'deals.field.sourceLead',
  is_deleted: 'deals.field.deleted',
};

type ChangeItem = TimelineItem & { change: NonNullable<TimelineItem['change']> };

/** A moment of the timeline: the fields of one change together, or one file, document or invoice event. */
type Moment =
  | { key: string; kind: 'change'; entries: ChangeItem[] }
  | { key: string; kind: 'other'; item: TimelineItem };

/** Adjacent items of one audit event (same change, one field each) shown together; newest first. */
function moments(items: TimelineItem[]): Moment[] {
  const out: Moment[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.change !== null) {
      const entry = item as ChangeItem;
      if (last?.kind === 'change' && last.entries[0]?.change.event_id === entry.change.event_id) {
        last.entries.push(entry);
      } else {
        out.push({ key: item.id, kind: 'change', entries: [entry] });
      }
    } else {
      out.push({ key: item.id, kind: 'other', item });
    }
  }
  return out;
}

const KINDS: { kind: TimelineKind; label: MessageId }[] = [
  { kind: 'change', label: 'deals.timeline.kind.change' },
  { kind: 'file', label: 'deals.timeline.kind.file' },
  { kind: 'document', label: 'deals.timeline.kind.document' },
  { kind: 'invoice', label: 'deals.timeline.kind.invoice' },
];

const ICON_SIZE = 12;

/** The icon of a file, document or invoice moment. */
function iconOf(item: TimelineItem): ReactNode {
  if (item.kind === 'file')
    return item.event === 'deleted' ? <IconTrash size={ICON_SIZE} /> : <IconFile size={ICON_SIZE} />;
  if (item.kind === 'document') {
    if (item.event === 'viewed') return <IconEye size={ICON_SIZE} />;
    if (item.event === 'accepted') return <IconCircleCheck size={ICON_SIZE} />;
    return <IconFileText size={ICON_SIZE} />;
  }
  if (item.event === 'sent') return <IconSend size={ICON_SIZE} />;
  if (item.event === 'paid') return <IconCash size={ICON_SIZE} />;
  if (item.event === 'void') return <IconBan size={ICON_SIZE} />;
  if (item.event === 'pdf') return <IconFileTypePdf size={ICON_SIZE} />;
  return <IconReceipt size={ICON_SIZE} />;
}

/** The deal's own moment of a file, document or invoice: what happened, as a sentence of the catalogue. */
function titleId(item: TimelineItem): MessageId {
  if (item.kind === 'file')
    return item.event === 'deleted' ? 'deals.timeline.file.deleted' : 'deals.timeline.file.uploaded';
  if (item.kind === 'document') {
    if (item.event === 'viewed') return 'deals.timeline.document.viewed';
    if (item.event === 'accepted') return 'deals.timeline.document.accepted';
    return 'deals.timeline.document.created';
  }
  if (item.event === 'sent') return 'deals.timeline.invoice.sent';
  if (item.event === 'paid') return 'deals.timeline.invoice.paid';
  if (item.event === 'void') return 'deals.timeline.invoice.void';
  if (item.event === 'pdf') return 'deals.timeline.invoice.pdf';
  return 'deals.timeline.invoice.created';
}

/**
 * The deal's timeline: its field changes (field, old → new), files uploaded and deleted, documents
 * made, viewed through a share link and accepted, invoices made, sent, paid, voided and their PDFs;
 * who and when; newest first, 50 at a time; filtered by kind.
 */
export function DealTimeline({ dealId }: { dealId: number }) {
  const qc = useQueryClient();
  const t = useT();
  const visibility = useVisibility();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const fieldLabel = (key: string) => {
    const id = FIELD_LABELS[key];
    return id ? t(id) : /^[0-9a-f]{40}$/.test(key) ? t('deals.field.custom') : key;
  };
  const log = useDealTimeline(dealId, kinds);
  const users = useUsers();
  const stages = useAllStages();
  const pipelines = usePipelines();

  const show = (key: string, v: string | null): string => {
    if (v === null || v === '') return t('deals.changelog.empty');
    const id = Number(v);
    if (key === 'stage_id')
      return stages.data?.find((s) => s.id === id)?.name ?? t('deals.changelog.stage', { id: v });
    if (key === 'pipeline_id')
      return pipelines.data?.find((p) => p.id === id)?.name ?? t('deals.changelog.pipeline', { id: v });
    if (key === 'owner_id')
      return users.data?.find((u) => u.id === id)?.name ?? t('deals.changelog.user', { id: v });
    // names of the deal's own contacts are at hand (the contacts card loaded them)
    const named = (k: readonly unknown[]) => qc.getQueryData<{ name: string }>(k)?.name;
    if (key === 'person_id') return named(personKeys.detail(id)) ?? t('deals.changelog.person', { id: v });
    if (key === 'org_id')
      return named(organizationKeys.detail(id)) ?? t('deals.changelog.organization', { id: v });
    if (key === 'value' && Number.isFinite(id)) return formatNumber(id);
    if (key === 'visible_to') return visibility.label(v);
    if (key === 'expected_close_date') return day(v);
    if (key.endsWith('_time')) return when(v);
    if (key === 'probability' && Number.isFinite(id)) return formatPercent(id, 2);
    if (key === 'status') return t('deals.status', { status: v });
    if (v === 'true') return t('deals.changelog.yes');
    if (v === 'false') return t('deals.changelog.no');
    return v;
  };
  const who = ({ actor }: TimelineItem) => {
    if (actor.type === 'visitor')
      return actor.name === null
        ? t('deals.timeline.visitor')
        : t('deals.timeline.visitorNamed', { name: actor.name });
    if (actor.user_id === null) return actor.source ?? t('deals.changelog.system');
    return (
      actor.name ??
      users.data?.find((u) => u.id === actor.user_id)?.name ??
      t('deals.changelog.user', { id: actor.user_id })
    );
  };
  const meta = (item: TimelineItem) => (
    <Text size="xs" c="dimmed" mt={2}>
      {who(item)} · {when(item.time)}
    </Text>
  );

  /** What the moment is about, with its link: the file, the document, the invoice or its PDF. */
  const subject = (item: TimelineItem): ReactNode => {
    if (item.file) {
      const f = item.file;
      if (!f.active)
        return (
          <Text size="sm" c="dimmed" td="line-through">
            {f.name}
          </Text>
        );
      return (
        <Anchor
          size="sm"
          href={fileDownloadUrl(f.id, f.previewable)}
          target={f.previewable ? '_blank' : undefined}
          download={f.previewable ? undefined : f.name}
        >
          {f.name}
        </Anchor>
      );
    }
    if (item.document) {
      return (
        <Anchor size="sm" href="#deal-documents">
          {item.document.title}
        </Anchor>
      );
    }
    if (item.invoice) {
      const i = item.invoice;
      const name = i.number ?? t('deals.timeline.invoice.draft', { id: i.id });
      const href =
        item.event === 'pdf' && i.file_id !== null ? fileDownloadUrl(i.file_id, true) : invoicePdfUrl(i.id);
      return (
        <Text size="sm">
          <Anchor href={href} target="_blank">
            {name}
          </Anchor>
          <Text span c="dimmed">
            {' · '}
            {money(i.total, i.currency)}
          </Text>
        </Text>
      );
    }
    return null;
  };

  const filter = (
    <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as TimelineKind[])}>
      <Group gap="xs" mb="md" role="group" aria-label={t('deals.timeline.filter')}>
        {KINDS.map((k) => (
          <Chip key={k.kind} value={k.kind} size="xs" variant="outline">
            {t(k.label)}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );

  if (log.isPending)
    return (
      <>
        {filter}
        <Loading label={t('deals.timeline.loading')} />
      </>
    );
  if (log.isError) return <ErrorState error={log.error} />;
  const items = log.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <>
        {filter}
        <Empty>{t('deals.timeline.none')}</Empty>
      </>
    );

  return (
    <>
      {filter}
      <Timeline bulletSize={22} lineWidth={2} aria-label={t('deals.timeline.label')}>
        {moments(items).map((m) => {
          if (m.kind === 'other') {
            const invoiceKind = m.item.invoice?.kind ?? 'invoice';
            return (
              <Timeline.Item
                key={m.key}
                bullet={iconOf(m.item)}
                title={t(titleId(m.item), { kind: invoiceKind })}
              >
                {subject(m.item)}
                {meta(m.item)}
              </Timeline.Item>
            );
          }
          const created = m.entries.some((e) => e.change.field_key === 'add_time');
          const fields = m.entries.filter((e) => e.change.field_key !== 'add_time');
          const first = m.entries[0] as ChangeItem;
          return (
            <Timeline.Item
              key={m.key}
              bullet={created ? <IconPlus size={ICON_SIZE} /> : <IconHistory size={ICON_SIZE} />}
              title={
                created
                  ? t('deals.changelog.created')
                  : fields.map((e) => fieldLabel(e.change.field_key)).join(', ')
              }
            >
              {fields.map(({ change: e }) => (
                <Text size="sm" key={e.field_key}>
                  {(created || fields.length > 1) && (
                    <Text span c="dimmed">
                      {fieldLabel(e.field_key)}:{' '}
                    </Text>
                  )}
                  {!created && (
                    <>
                      <Text span c="dimmed" td={e.old_value === null ? undefined : 'line-through'}>
                        {show(e.field_key, e.old_value)}
                      </Text>
                      {' → '}
                    </>
                  )}
                  <Text span fw={500}>
                    {show(e.field_key, e.new_value)}
                  </Text>
                </Text>
              ))}
              {meta(first)}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {log.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="subtle" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('deals.timeline.older')}
          </Button>
        </Group>
      )}
    </>
  );
}
