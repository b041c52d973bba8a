import { Button, Group, Text, Timeline } from '@mantine/core';
import { IconHistory, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangelogEntry, useChangelog } from '../../../api/deals.ts';
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
import { day, when } from '../format.ts';

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

interface ChangeEvent {
  key: string;
  entries: ChangelogEntry[];
}

/** Entries of one change (same time, same actor, one field each) shown together; newest first. */
function groupByEvent(entries: ChangelogEntry[]): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    const head = last?.entries[0];
    const fresh = e.field_key === 'add_time' || last?.entries.some((x) => x.field_key === e.field_key);
    if (last && head && !fresh && head.time === e.time && head.actor_user_id === e.actor_user_id) {
      last.entries.push(e);
    } else {
      out.push({ key: `${e.time}|${e.field_key}|${out.length}`, entries: [e] });
    }
  }
  return out;
}

/** The changelog of a deal as a timeline: field, old → new, who, when; newest first, 50 at a time. */
export function ChangelogTimeline({ dealId }: { dealId: number }) {
  const qc = useQueryClient();
  const t = useT();
  const visibility = useVisibility();
  const fieldLabel = (key: string) => {
    const id = FIELD_LABELS[key];
    return id ? t(id) : /^[0-9a-f]{40}$/.test(key) ? t('deals.field.custom') : key;
  };
  const log = useChangelog(dealId);
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
  const who = (e: ChangelogEntry) =>
    e.actor_user_id === null
      ? (e.change_source ?? t('deals.changelog.system'))
      : (users.data?.find((u) => u.id === e.actor_user_id)?.name ??
        t('deals.changelog.user', { id: e.actor_user_id }));

  if (log.isPending) return <Loading label={t('deals.changelog.loading')} />;
  if (log.isError) return <ErrorState error={log.error} />;
  const entries = log.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) return <Empty>{t('deals.changelog.none')}</Empty>;
  const events = groupByEvent(entries);

  return (
    <>
      <Timeline bulletSize={22} lineWidth={2} aria-label={t('deals.changelog.label')}>
        {events.map((ev) => {
          const created = ev.entries.some((e) => e.field_key === 'add_time');
          const fields = ev.entries.filter((e) => e.field_key !== 'add_time');
          const first = ev.entries[0] as ChangelogEntry;
          return (
            <Timeline.Item
              key={ev.key}
              bullet={created ? <IconPlus size={12} /> : <IconHistory size={12} />}
              title={
                created ? t('deals.changelog.created') : fields.map((e) => fieldLabel(e.field_key)).join(', ')
              }
            >
              {fields.map((e) => (
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
              <Text size="xs" c="dimmed" mt={2}>
                {who(first)} · {when(first.time)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {log.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="subtle" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('deals.changelog.older')}
          </Button>
        </Group>
      )}
    </>
  );
}
