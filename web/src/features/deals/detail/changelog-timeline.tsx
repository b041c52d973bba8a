import { Button, Group, Text, Timeline } from '@mantine/core';
import { IconHistory, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useUsers } from '../../../components/notes/api.ts';
import { Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { type ChangelogEntry, useAllStages, useChangelog, usePipelines } from '../api.ts';
import { day, VISIBILITY, when } from '../format.ts';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  value: 'Value',
  currency: 'Currency',
  status: 'Status',
  stage_id: 'Stage',
  pipeline_id: 'Pipeline',
  person_id: 'Person',
  org_id: 'Organization',
  owner_id: 'Owner',
  probability: 'Probability',
  lost_reason: 'Lost reason',
  expected_close_date: 'Expected close date',
  visible_to: 'Visibility',
  label_ids: 'Labels',
  is_archived: 'Archived',
  archive_time: 'Archive time',
  won_time: 'Won time',
  lost_time: 'Lost time',
  close_time: 'Close time',
  origin: 'Source origin',
  origin_id: 'Source origin ID',
  channel: 'Source channel',
  channel_id: 'Source channel ID',
  source_lead_id: 'Converted from lead',
  is_deleted: 'Deleted',
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

const fieldLabel = (key: string) => FIELD_LABELS[key] ?? (/^[0-9a-f]{40}$/.test(key) ? 'Custom field' : key);

/** The changelog of a deal as a timeline: field, old → new, who, when; newest first, 50 at a time. */
export function ChangelogTimeline({ dealId }: { dealId: number }) {
  const qc = useQueryClient();
  const log = useChangelog(dealId);
  const users = useUsers();
  const stages = useAllStages();
  const pipelines = usePipelines();

  const show = (key: string, v: string | null): string => {
    if (v === null || v === '') return '(empty)';
    const id = Number(v);
    if (key === 'stage_id') return stages.data?.find((s) => s.id === id)?.name ?? `Stage ${v}`;
    if (key === 'pipeline_id') return pipelines.data?.find((p) => p.id === id)?.name ?? `Pipeline ${v}`;
    if (key === 'owner_id') return users.data?.find((u) => u.id === id)?.name ?? `User ${v}`;
    // names of the deal's own contacts are at hand (the contacts card loaded them)
    const named = (kind: string) => qc.getQueryData<{ name: string }>([kind, 'detail', id])?.name;
    if (key === 'person_id') return named('persons') ?? `Person #${v}`;
    if (key === 'org_id') return named('organizations') ?? `Organization #${v}`;
    if (key === 'value' && Number.isFinite(id)) return id.toLocaleString('en-US');
    if (key === 'visible_to') return VISIBILITY.find((o) => o.value === v)?.label ?? v;
    if (key === 'expected_close_date') return day(v);
    if (key.endsWith('_time')) return when(v);
    if (key === 'probability') return `${v}%`;
    if (key === 'status') return v.charAt(0).toUpperCase() + v.slice(1);
    if (v === 'true') return 'Yes';
    if (v === 'false') return 'No';
    return v;
  };
  const who = (e: ChangelogEntry) =>
    e.actor_user_id === null
      ? (e.change_source ?? 'system')
      : (users.data?.find((u) => u.id === e.actor_user_id)?.name ?? `User ${e.actor_user_id}`);

  if (log.isPending) return <Loading label="Loading changelog" />;
  if (log.isError) return <ErrorState error={log.error} />;
  const entries = log.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) return <Empty>No changes yet.</Empty>;
  const events = groupByEvent(entries);

  return (
    <>
      <Timeline bulletSize={22} lineWidth={2} aria-label="Changelog">
        {events.map((ev) => {
          const created = ev.entries.some((e) => e.field_key === 'add_time');
          const fields = ev.entries.filter((e) => e.field_key !== 'add_time');
          const first = ev.entries[0] as ChangelogEntry;
          return (
            <Timeline.Item
              key={ev.key}
              bullet={created ? <IconPlus size={12} /> : <IconHistory size={12} />}
              title={created ? 'Deal created' : fields.map((e) => fieldLabel(e.field_key)).join(', ')}
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
            Show older changes
          </Button>
        </Group>
      )}
    </>
  );
}
