/**
 * Pipedrive's fixed, read-only list of lead sources (behaviour spec §1.6, API spec §4.6). A lead's
 * `source_name` is one of these; leads created over the API get "API", leads created in the web app
 * "Manually created".
 */
export const LEAD_SOURCES = [
  'Manually created',
  'Deal',
  'Web forms',
  'Prospector',
  'Leadbooster',
  'Live chat',
  'Import',
  'Website visitors',
  'Workflow automation',
  'API',
] as const;

export type LeadSourceName = (typeof LEAD_SOURCES)[number];

/** Where a new lead comes from: its `source_name`, its immutable `origin`, and the deal it came from. */
export interface LeadSource {
  sourceName: LeadSourceName;
  origin: string;
  sourceDealId?: number | null | undefined;
}

export const API_SOURCE: LeadSource = { sourceName: 'API', origin: 'API' };
export const MANUAL_SOURCE: LeadSource = { sourceName: 'Manually created', origin: 'Manually created' };

export function listLeadSources(): { name: LeadSourceName }[] {
  return LEAD_SOURCES.map((name) => ({ name }));
}
