import { num, rfc3339 } from '../../http/formats.ts';
import type { InboxDbRow } from './list.ts';
import type { NEXT_ACTIVITY_STATUSES } from './schema.ts';

type NextActivityStatus = (typeof NEXT_ACTIVITY_STATUSES)[number];

/** "Now" as the inbox sees it: the instant, and the calendar day in the caller's time zone. */
export interface Clock {
  now: Date;
  /** YYYY-MM-DD in the caller's time zone */
  today: string;
  timeZone: string;
}

export function clockFor(timeZone: string, now = new Date()): Clock {
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
  } catch {
    tz = 'UTC';
  }
  return { now, timeZone: tz, today: dayIn(now, tz) };
}

function dayIn(d: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/**
 * Red, green or grey dot: overdue when its due moment has passed (a date without time is overdue from
 * the next day on), today when it is due later today, future otherwise (and when it has no date).
 */
export function activityStatus(
  dueDate: string | null,
  dueTime: string | null,
  clock: Clock,
): NextActivityStatus {
  if (!dueDate) return 'future';
  if (dueTime && /^\d{2}:\d{2}$/.test(dueTime)) {
    const at = new Date(`${dueDate}T${dueTime}:00Z`);
    if (!Number.isNaN(at.getTime())) {
      if (at < clock.now) return 'overdue';
      return dayIn(at, clock.timeZone) === clock.today ? 'today' : 'future';
    }
  }
  if (dueDate < clock.today) return 'overdue';
  return dueDate === clock.today ? 'today' : 'future';
}

export function presentInboxRow(r: InboxDbRow, clock: Clock) {
  return {
    id: r.id,
    title: r.title,
    owner: { id: r.ownerId, name: r.ownerName ?? '' },
    person:
      r.personId !== null
        ? { id: r.personId, name: r.personName ?? '', email: r.personEmail, phone: r.personPhone }
        : null,
    organization: r.organizationId !== null ? { id: r.organizationId, name: r.organizationName ?? '' } : null,
    labels: r.labels ?? [],
    next_activity:
      r.activityId !== null
        ? {
            id: r.activityId,
            subject: r.activitySubject ?? '',
            type: r.activityType ?? '',
            due_date: r.activityDueDate,
            due_time: r.activityDueTime,
            status: activityStatus(r.activityDueDate, r.activityDueTime, clock),
          }
        : null,
    value: num(r.valueAmount),
    currency: r.valueCurrency,
    expected_close_date: r.expectedCloseDate,
    source_name: r.sourceName,
    was_seen: r.wasSeen,
    is_archived: r.isArchived,
    visible_to: String(r.visibleTo) as '1' | '3' | '5' | '7',
    add_time: rfc3339(r.addTime) as string,
    update_time: rfc3339(r.updateTime) as string,
  };
}
