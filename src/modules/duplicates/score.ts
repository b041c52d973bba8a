/**
 * How likely a candidate is the same contact, from the evidence that matched, and the reasons shown
 * with it: `reasons` (the fields that matched) and `details` (how each matched: "surname 1 letter
 * apart", "same birthday"), and a band: "very likely" from 0.8 up, which always needs more than a
 * similar name; "possible" below. Person tiers: scorePerson. Organizations (candidates share the
 * folded name):
 * - 0.90–1.00  Pipedrive's rule: same name AND same address, +0.10 × similarity;
 * - 0.50–0.55  same name, an address missing on either side, +0.05 × similarity;
 * - 0.30–0.35  same name at a different address (Pipedrive: not a duplicate), +0.05 × similarity;
 * "Same name" for organizations also holds when only legal-form words differ (organizationKey):
 * the detail then says so, and the lower similarity ranks it below the same spelling.
 *
 * "Same name" is the same `name_key` (case, accents, punctuation and word order folded); similarity
 * is pg_trgm's similarity of the unaccented, lower-cased names, in [0, 1]; a "similar name" is one
 * name-match.ts pairs part by part despite typos, a missing part or a stray space.
 */
import type { NameComparison, NameDetail } from './name-match.ts';

export type Reason = 'name' | 'email' | 'phone' | 'organization' | 'address';

/** How strongly a candidate is the same contact: a very likely one needs more than a similar name. */
export type Band = 'very_likely' | 'possible';

/** Scores from here up are "very likely". */
export const VERY_LIKELY = 0.8;
/** Candidates scored below this are not shown. */
export const SHOWN_FROM = 0.25;

/** One reason a candidate matched (or that speaks against it), with its parameters. */
export type ReasonDetail =
  | NameDetail
  | { kind: 'name_legal_form' }
  | { kind: 'email_same' }
  | { kind: 'email_local_part' }
  | { kind: 'email_domain'; domain: string }
  | { kind: 'phone_same' }
  | { kind: 'organization_same' }
  | { kind: 'address_same' }
  | { kind: 'birthday_same' }
  | { kind: 'birthday_different' };

export interface PersonSignals {
  /** the same name key */
  name: boolean;
  email: boolean;
  phone: boolean;
  organization: boolean;
  /** pg_trgm similarity of the folded names, in [0, 1] */
  similarity: number;
  /** how the names compare when they are not the same key (name-match.ts) */
  similarName?: NameComparison | undefined;
  /** both have an address and it is the same place */
  address?: boolean | undefined;
  /** both have a birthday: the same one, or not */
  birthday?: 'same' | 'different' | undefined;
  /** the same e-mail local part at another domain */
  emailLocalPart?: boolean | undefined;
  /** an e-mail at the same (non-public) domain */
  emailDomain?: string | undefined;
}

export interface OrganizationSignals {
  /** the names are the same only once their legal-form words are left out ("Acme AB", "ACME Ltd") */
  legalForm?: boolean | undefined;
  /** both sides have an address */
  addressKnown: boolean;
  address: boolean;
  similarity: number;
}

export interface Scored {
  score: number;
  reasons: Reason[];
  band: Band;
  details: ReasonDetail[];
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round = (v: number) => Math.round(v * 1000) / 1000;
export const bandOf = (score: number): Band => (score >= VERY_LIKELY ? 'very_likely' : 'possible');

/** Pipedrive's person rule: the same name and at least one of e-mail, phone, organization. */
export const isPipedriveDuplicate = (s: PersonSignals) => s.name && (s.email || s.phone || s.organization);

/**
 * persons, by tiers that never overlap (each lower tier's best stays below the next one's worst):
 * - 0.90–0.98  the same name and one of e-mail, phone, organization, address, birthday (Pipedrive's
 *              rule, widened by address and birthday); +0.03 for each further one, +0.02 × similarity;
 * - 0.80–0.895 a similar name (typos, a missing part, a stray space) and one of those;
 * - 0.65–0.795 the same e-mail and/or phone under another name;
 * - 0.35–0.50  the same name only (0.35 + 0.10 × similarity, + 0.025 per weak sign: e-mail local part
 *              or domain);
 * - 0.25–0.39  a similar name only (0.25 + 0.08 × name likeness, + weak signs).
 * A birthday on both sides that differs takes 0.15 off (a namesake is more likely a different person).
 */
export function scorePerson(s: PersonSignals): Scored {
  const sim = clamp01(s.similarity);
  const similar = !s.name && s.similarName?.level === 'similar' ? s.similarName : undefined;
  const reasons: Reason[] = [];
  const details: ReasonDetail[] = [];
  if (s.name) {
    reasons.push('name');
    details.push({ kind: 'name_same' });
  } else if (similar) {
    reasons.push('name');
    details.push(...similar.details);
  }
  if (s.email) {
    reasons.push('email');
    details.push({ kind: 'email_same' });
  }
  if (s.phone) {
    reasons.push('phone');
    details.push({ kind: 'phone_same' });
  }
  if (s.organization) {
    reasons.push('organization');
    details.push({ kind: 'organization_same' });
  }
  if (s.address) {
    reasons.push('address');
    details.push({ kind: 'address_same' });
  }
  if (s.birthday === 'same') details.push({ kind: 'birthday_same' });
  const weakSigns: ReasonDetail[] = [];
  if (!s.email && s.emailLocalPart) weakSigns.push({ kind: 'email_local_part' });
  if (!s.email && s.emailDomain) weakSigns.push({ kind: 'email_domain', domain: s.emailDomain });
  details.push(...weakSigns);
  if (s.birthday === 'different') details.push({ kind: 'birthday_different' });

  const strong =
    Number(s.email) +
    Number(s.phone) +
    Number(s.organization) +
    Number(Boolean(s.address)) +
    Number(s.birthday === 'same');
  const weak = 0.025 * Math.min(2, weakSigns.length);
  let score: number;
  if (s.name && strong > 0) {
    score = Math.min(0.98, 0.9 + 0.03 * (strong - 1) + 0.02 * sim);
  } else if (similar && strong > 0) {
    score = Math.min(0.895, 0.8 + 0.02 * (strong - 1) + 0.05 * similar.score);
  } else if (s.email || s.phone) {
    const base = s.email && s.phone ? 0.75 : s.email ? 0.7 : 0.65;
    score = base + (s.organization ? 0.025 : 0) + 0.02 * sim;
  } else if (s.name) {
    score = 0.35 + 0.1 * sim + weak;
  } else if (similar) {
    score = 0.25 + 0.08 * similar.score + weak;
  } else {
    score = 0;
  }
  if (s.birthday === 'different') score -= 0.15;
  score = round(Math.max(0, score));
  return { score, reasons, band: bandOf(score), details };
}

export function scoreOrganization(s: OrganizationSignals): Scored {
  const sim = clamp01(s.similarity);
  const details: ReasonDetail[] = [{ kind: s.legalForm ? 'name_legal_form' : 'name_same' }];
  if (s.address) {
    const score = round(0.9 + 0.1 * sim);
    return {
      score,
      reasons: ['name', 'address'],
      band: bandOf(score),
      details: [...details, { kind: 'address_same' }],
    };
  }
  const score = round((s.addressKnown ? 0.3 : 0.5) + 0.05 * sim);
  return { score, reasons: ['name'], band: bandOf(score), details };
}

/** Best first; equal scores: the older record (lower id) first. */
export function byScore<T extends { score: number; id: number }>(a: T, b: T): number {
  return b.score - a.score || a.id - b.id;
}
