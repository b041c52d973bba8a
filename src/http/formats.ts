/** Time and number formats of Pipedrive's API (spec/pipedrive-api.md §15). */

/** v2: RFC 3339 without fractions, `2024-01-01T00:00:00Z`. */
export function rfc3339(d: Date | null | undefined): string | null {
  if (!d) return null;
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** v1 leads and labels: ISO 8601 with milliseconds, `2020-10-14T11:30:36.551Z`. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** v1 notes, files, users: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function sqlTime(d: Date | null | undefined): string | null {
  if (!d) return null;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** numeric columns arrive as strings; amounts are presented as JSON numbers. */
export function num(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}
