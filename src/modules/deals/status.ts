import { AppError, invalid } from '../errors.ts';
import type { DEAL_STATUSES } from './tables.ts';

export type DealStatus = (typeof DEAL_STATUSES)[number];

/** The status part of a deal. */
export interface StatusState {
  status: DealStatus;
  lostReason: string | null;
  wonTime: Date | null;
  lostTime: Date | null;
  closeTime: Date | null;
  firstWonTime: Date | null;
}

export interface StatusInput {
  status?: DealStatus | undefined;
  lost_reason?: string | null | undefined;
  won_time?: Date | null | undefined;
  lost_time?: Date | null | undefined;
  close_time?: Date | null | undefined;
}

const OPEN: StatusState = {
  status: 'open',
  lostReason: null,
  wonTime: null,
  lostTime: null,
  closeTime: null,
  firstWonTime: null,
};

/**
 * The status fields after a change (spec §6.2, behaviour §3.2–3.3). Winning sets won_time and
 * close_time (and first_won_time once), losing sets lost_time and close_time, reopening clears them
 * and the lost reason. Times given explicitly override the automatic ones; each may only be set in
 * the status it belongs to, as may lost_reason.
 */
export function nextStatus(before: StatusState | null, input: StatusInput, now: Date): StatusState {
  const prev = before ?? OPEN;
  const status = input.status ?? prev.status;
  if (input.lost_reason != null && status !== 'lost') {
    throw invalid('lost_reason', 'may only be set when the deal status is lost');
  }
  if (input.won_time != null && status !== 'won') {
    throw invalid('won_time', 'may only be set when the deal status is won');
  }
  if (input.lost_time != null && status !== 'lost') {
    throw invalid('lost_time', 'may only be set when the deal status is lost');
  }
  if (input.close_time != null && status === 'open') {
    throw invalid('close_time', 'may only be set when the deal status is won or lost');
  }

  const next: StatusState = {
    status,
    lostReason: prev.lostReason,
    wonTime: prev.wonTime,
    lostTime: prev.lostTime,
    closeTime: prev.closeTime,
    firstWonTime: prev.firstWonTime,
  };
  if (status !== prev.status) {
    next.lostReason = null;
    next.wonTime = null;
    next.lostTime = null;
    next.closeTime = null;
    if (status === 'won') {
      next.wonTime = input.won_time ?? now;
      next.closeTime = next.wonTime;
    } else if (status === 'lost') {
      next.lostTime = input.lost_time ?? now;
      next.closeTime = next.lostTime;
    }
  }
  if (input.lost_reason !== undefined) next.lostReason = input.lost_reason;
  if (input.won_time !== undefined) next.wonTime = input.won_time;
  if (input.lost_time !== undefined) next.lostTime = input.lost_time;
  if (input.close_time !== undefined) next.closeTime = input.close_time;
  if (status === 'won' && next.firstWonTime === null) next.firstWonTime = next.wonTime;
  return next;
}

/** The archive part of a deal. */
export interface ArchiveState {
  isArchived: boolean;
  archiveTime: Date | null;
}

export interface ArchiveInput {
  is_archived?: boolean | undefined;
  archive_time?: Date | null | undefined;
}

/** Archived deals refuse every change but unarchiving (behaviour §1.9). */
export function assertChangeable(before: ArchiveState, input: ArchiveInput): void {
  if (before.isArchived && input.is_archived !== false) {
    throw new AppError(
      'forbidden',
      'The deal is archived and cannot be changed; unarchive it first (is_archived: false)',
      'is_archived',
    );
  }
}

/**
 * Archiving sets archive_time (the given one or now) and keeps the status; unarchiving clears it.
 * archive_time may only be given for an archived deal.
 */
export function nextArchive(before: ArchiveState | null, input: ArchiveInput, now: Date): ArchiveState {
  const isArchived = input.is_archived ?? before?.isArchived ?? false;
  if (!isArchived) {
    if (input.archive_time != null) {
      throw invalid('archive_time', 'may only be set when is_archived is true');
    }
    return { isArchived: false, archiveTime: null };
  }
  if (input.archive_time != null) return { isArchived, archiveTime: input.archive_time };
  if (before?.isArchived && before.archiveTime) return { isArchived, archiveTime: before.archiveTime };
  return { isArchived, archiveTime: now };
}
