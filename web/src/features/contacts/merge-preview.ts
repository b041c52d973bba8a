import type { Organization } from '../../api/organizations.ts';
import type { Person } from '../../api/persons.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import type { Channel } from './types.ts';

/**
 * What a merge keeps (the server's rule, src/modules/contacts/merge.ts): the "merge with" record
 * survives and its non-blank values win; its blank fields are filled from the other record; e-mails
 * and phones are unioned (the survivor's first).
 */
export interface PreviewRow {
  /** the field's name, a message id */
  field: MessageId;
  current: string;
  chosen: string;
  result: string;
  /** which side the result comes from */
  from: 'current' | 'chosen' | 'both' | 'none';
}

type Names = {
  user: (id: number) => string;
  org: (id: number | null) => string;
  visibility: (v: number) => string;
};

const blank = (v: string) => v.trim() === '';

function single(field: MessageId, current: string, chosen: string): PreviewRow {
  if (!blank(chosen)) return { field, current, chosen, result: chosen, from: 'chosen' };
  if (!blank(current)) return { field, current, chosen, result: current, from: 'current' };
  return { field, current, chosen, result: '', from: 'none' };
}

const emailKey = (v: string) => v.trim().toLowerCase();
const phoneKey = (v: string) => v.replace(/[^\d+]/g, '') || v.trim();

function union(
  field: MessageId,
  current: Channel[],
  chosen: Channel[],
  key: (v: string) => string,
): PreviewRow {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of [...chosen, ...current]) {
    if (seen.has(key(c.value))) continue;
    seen.add(key(c.value));
    out.push(c.value);
  }
  const join = (l: Channel[]) => l.map((c) => c.value).join(', ');
  const from =
    current.length && chosen.length ? 'both' : chosen.length ? 'chosen' : current.length ? 'current' : 'none';
  return { field, current: join(current), chosen: join(chosen), result: out.join(', '), from };
}

export function personMergePreview(current: Person, chosen: Person, names: Names): PreviewRow[] {
  return [
    single('contacts.field.name', current.name, chosen.name),
    single(
      'contacts.field.organization',
      current.org_id ? names.org(current.org_id) : '',
      chosen.org_id ? names.org(chosen.org_id) : '',
    ),
    union('contacts.field.email', current.emails, chosen.emails, emailKey),
    union('contacts.field.phone', current.phones, chosen.phones, phoneKey),
    single('contacts.field.jobTitle', current.job_title ?? '', chosen.job_title ?? ''),
    single('contacts.field.owner', names.user(current.owner_id), names.user(chosen.owner_id)),
    single(
      'contacts.field.visibleTo',
      names.visibility(current.visible_to),
      names.visibility(chosen.visible_to),
    ),
  ];
}

const n = (v: number | null) => (v === null ? '' : formatNumber(v));

export function organizationMergePreview(
  current: Organization,
  chosen: Organization,
  names: Pick<Names, 'user' | 'visibility'>,
): PreviewRow[] {
  return [
    single('contacts.field.name', current.name, chosen.name),
    single('contacts.field.address', current.address.value ?? '', chosen.address.value ?? ''),
    single('contacts.field.website', current.website ?? '', chosen.website ?? ''),
    single('contacts.field.linkedin', current.linkedin ?? '', chosen.linkedin ?? ''),
    single('contacts.field.employees', n(current.employee_count), n(chosen.employee_count)),
    single('contacts.field.annualRevenue', n(current.annual_revenue), n(chosen.annual_revenue)),
    single('contacts.field.owner', names.user(current.owner_id), names.user(chosen.owner_id)),
    single(
      'contacts.field.visibleTo',
      names.visibility(current.visible_to),
      names.visibility(chosen.visible_to),
    ),
  ];
}
