import { Anchor, Group, Paper, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ActivityState, DealCard } from '../../../api/deals.ts';
import { CustomValue, useCardField } from '../../../components/custom-fields/index.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { useT } from '../../../i18n/provider.tsx';
import { day, money } from '../format.ts';

const ACTIVITY: Record<ActivityState, { color: string; label: (dated: boolean) => MessageId }> = {
  overdue: { color: 'red', label: () => 'deals.activity.overdue' },
  today: { color: 'green', label: () => 'deals.activity.today' },
  future: { color: 'gray', label: (dated) => (dated ? 'deals.activity.on' : 'deals.activity.planned') },
  none: { color: 'yellow', label: () => 'deals.activity.none' },
};

/** Pipedrive's activity indicator: red overdue, green today, grey planned, yellow warning when none. */
export function ActivityIndicator({ state, date }: { state: ActivityState; date: string | null }) {
  const t = useT();
  const a = ACTIVITY[state];
  const label = t(a.label(date !== null), { date: day(date) });
  return (
    <Tooltip label={label} withArrow>
      <ThemeIcon
        size="sm"
        radius="xl"
        variant={state === 'none' ? 'transparent' : 'light'}
        color={a.color}
        role="img"
        aria-label={label}
        data-activity={state}
      >
        {state === 'none' ? <IconAlertTriangle size={16} /> : <IconClock size={14} />}
      </ThemeIcon>
    </Tooltip>
  );
}

export interface DealCardViewProps {
  card: DealCard;
  /** the drag handle (keyboard moves), absent in the drag overlay */
  handle?: ReactNode;
  /** lifted: shown in the drag overlay */
  lifted?: boolean;
}

/** A deal on the board: title, organization or person, value, owner, activity state; red when rotten. */
export function DealCardView({ card, handle, lifted }: DealCardViewProps) {
  const t = useT();
  const contact = card.organization?.name ?? card.person?.name ?? null;
  const field = useCardField();
  const chosen = field ? card.custom_fields[field.field_code] : undefined;
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      shadow={lifted ? 'md' : undefined}
      data-deal-id={card.id}
      data-rotten={card.is_rotten || undefined}
      style={{
        cursor: 'grab',
        borderColor: card.is_rotten ? 'var(--mantine-color-red-5)' : undefined,
        background: card.is_rotten ? 'var(--mantine-color-red-0)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Anchor
          component={Link}
          to={`/deals/${card.id}`}
          size="sm"
          fw={600}
          c="inherit"
          lineClamp={2}
          style={{ wordBreak: 'break-word' }}
        >
          {card.title}
        </Anchor>
        {handle}
      </Group>
      {contact && (
        <Text size="xs" c="dimmed" truncate="end">
          {contact}
        </Text>
      )}
      {field && chosen !== undefined && chosen !== null && (
        <Text size="xs" truncate="end" data-card-field={field.field_code}>
          <Text span size="xs" c="dimmed">
            {t('customFields.cardValue', { name: field.field_name })}
          </Text>{' '}
          <CustomValue field={field} wire={chosen} />
        </Text>
      )}
      <Group justify="space-between" wrap="nowrap" mt={4} gap={4}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" fw={500} style={{ whiteSpace: 'nowrap' }}>
            {money(card.value, card.currency)}
          </Text>
          <Text size="xs" c="dimmed" truncate="end" title={t('deals.card.owner', { name: card.owner.name })}>
            {card.owner.name}
          </Text>
        </Group>
        <ActivityIndicator state={card.activity} date={card.next_activity_date} />
      </Group>
      {card.is_rotten && (
        <Text size="xs" c="red.7" mt={2}>
          {t('deals.card.rotting')}
        </Text>
      )}
    </Paper>
  );
}
