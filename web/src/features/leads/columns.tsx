import { Anchor, Badge, Box, Group, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Field } from '../../api/fields.ts';
import type { InboxLead, InboxSort, NextActivityStatus } from '../../api/leads.ts';
import { CustomCell } from '../../components/custom-fields/index.ts';
import { formatDay, formatInstant, formatMoney } from '../../i18n/format.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { labelColor } from './label-color.ts';

/** The columns of the Leads Inbox table: header, width, sort key and cell. */
export interface Column {
  key: string;
  /** the header's text: a message, or a custom field's own name */
  header: MessageId | { name: string };
  /** CSS grid track */
  width: string;
  sort?: InboxSort;
  align?: 'right';
  cell: (lead: InboxLead) => ReactNode;
}

const STATUS_COLOR: Record<NextActivityStatus, string> = {
  overdue: 'var(--mantine-color-red-6)',
  today: 'var(--mantine-color-green-6)',
  future: 'var(--mantine-color-gray-5)',
};
const STATUS_LABEL: Record<NextActivityStatus, MessageId> = {
  overdue: 'leads.activity.overdue',
  today: 'leads.activity.today',
  future: 'leads.activity.future',
};

function NextActivity({ lead }: { lead: InboxLead }) {
  const t = useT();
  const a = lead.next_activity;
  if (!a) {
    return (
      <Text size="sm" c="dimmed" truncate>
        {t('leads.activity.none')}
      </Text>
    );
  }
  const when = [formatDay(a.due_date), a.due_time].filter(Boolean).join(' ');
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Box
        component="span"
        role="img"
        aria-label={t(STATUS_LABEL[a.status])}
        data-status={a.status}
        w={10}
        h={10}
        style={{ borderRadius: '50%', background: STATUS_COLOR[a.status], flex: 'none' }}
      />
      <Text size="sm" truncate title={`${a.subject}${when ? ` · ${when}` : ''}`}>
        {a.subject}
        {when && (
          <Text span size="xs" c="dimmed">
            {` · ${when}`}
          </Text>
        )}
      </Text>
    </Group>
  );
}

const text = (v: string | null | undefined, dimmed = false) => (
  <Text size="sm" truncate title={v ?? undefined} c={dimmed ? 'dimmed' : undefined}>
    {v ?? ''}
  </Text>
);

export const COLUMNS: Column[] = [
  {
    key: 'title',
    header: 'leads.field.title',
    width: 'minmax(170px, 2fr)',
    sort: 'title',
    cell: (l) => (
      <Anchor
        component={Link}
        to={`/leads/${l.id}`}
        size="sm"
        c="inherit"
        fw="inherit"
        truncate
        display="block"
        title={l.title}
        onClick={(e) => e.stopPropagation()}
      >
        {l.title}
      </Anchor>
    ),
  },
  {
    key: 'labels',
    header: 'leads.field.labels',
    width: 'minmax(75px, 1fr)',
    cell: (l) => (
      <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        {l.labels.map((label) => (
          <Tooltip key={label.id} label={label.name} openDelay={400}>
            <Badge size="sm" variant="filled" color={labelColor(label.color)} style={{ flex: 'none' }}>
              {label.name}
            </Badge>
          </Tooltip>
        ))}
      </Group>
    ),
  },
  {
    key: 'person',
    header: 'leads.field.person',
    width: 'minmax(110px, 1fr)',
    cell: (l) => text(l.person?.name),
  },
  {
    key: 'organization',
    header: 'leads.field.organization',
    width: 'minmax(110px, 1fr)',
    cell: (l) => text(l.organization?.name),
  },
  {
    key: 'value',
    header: 'leads.field.value',
    width: '115px',
    sort: 'value',
    align: 'right',
    cell: (l) => text(formatMoney(l.value, l.currency)),
  },
  {
    key: 'expected_close_date',
    header: 'leads.field.expectedCloseDate',
    width: '115px',
    sort: 'expected_close_date',
    cell: (l) => text(formatDay(l.expected_close_date)),
  },
  {
    key: 'owner',
    header: 'leads.field.owner',
    width: 'minmax(100px, 1fr)',
    sort: 'owner',
    cell: (l) => text(l.owner.name),
  },
  { key: 'source', header: 'leads.field.source', width: '120px', cell: (l) => text(l.source_name, true) },
  {
    key: 'next_activity',
    header: 'leads.field.nextActivity',
    width: 'minmax(150px, 1.5fr)',
    sort: 'next_activity',
    cell: (l) => <NextActivity lead={l} />,
  },
  {
    key: 'created',
    header: 'leads.field.created',
    width: '110px',
    sort: 'add_time',
    cell: (l) => text(formatInstant(l.add_time), true),
  },
];

const CUSTOM_WIDTH = 140;

/** A custom field's column (not sortable): its value as its type shows it. */
export const customColumn = (field: Field): Column => ({
  key: field.field_code,
  header: { name: field.field_name },
  width: `${CUSTOM_WIDTH}px`,
  cell: (l) => <CustomCell field={field} values={l.custom_fields} />,
});

export const SELECT_WIDTH = '40px';
export const gridTemplate = (columns: Column[]) => [SELECT_WIDTH, ...columns.map((c) => c.width)].join(' ');
/** The table's minimum width (horizontal scrolling below it): the built-in columns' and each custom one's. */
export const minTableWidth = (columns: Column[]) =>
  1215 + columns.filter((c) => typeof c.header === 'object').length * CUSTOM_WIDTH;
