import { publicReason } from '../failure.ts';

/** Reasons a conversion is refused, as the status and the bulk results report them. */
export const REASONS = {
  leadNotFound: 'Lead not found',
  leadArchived: 'Archived leads cannot be converted; unarchive the lead first',
  leadConverted: 'Lead already converted to a deal',
  dealNotFound: 'Deal not found',
  dealArchived: 'Archived deals cannot be converted; unarchive the deal first',
  dealConverted: 'Deal already converted to a lead',
} as const;

/** The reason of a failure for the caller: a domain error's message, or a generic one with an error id. */
export const reasonOf = (err: unknown): string => publicReason(err, 'The conversion');
