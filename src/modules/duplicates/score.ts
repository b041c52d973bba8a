/**
 * How likely a candidate is the same contact, from the signals that matched, and the reasons shown
 * with it. Scores fall in bands that never overlap:
 *
 * persons
 * - 0.90–0.98  Pipedrive's rule (spec §2.5): same name AND one of e-mail, phone, organization;
 *              +0.03 for each further signal, +0.02 × name similarity;
 * - 0.65–0.795 same e-mail and/or phone under another name: phone 0.65, e-mail 0.70, both 0.75,
 *              +0.025 for the same organization, +0.02 × name similarity;
 * - 0.35–0.45  same name only: 0.35 + 0.10 × name similarity.
 * organizations (candidates always share the name)
 * - 0.90–1.00  Pipedrive's rule: same name AND same address, +0.10 × similarity;
 * - 0.50–0.55  same name, an address missing on either side, +0.05 × similarity;
 * - 0.30–0.35  same name at a different address (Pipedrive: not a duplicate), +0.05 × similarity.
 *
 * "Same name" is the same `name_key` (case, accents, punctuation and word order folded); similarity
 * is pg_trgm's similarity of the unaccented, lower-cased names, in [0, 1]: it orders candidates
 * within a band and never makes one. Within each person band the steps are lexicographic (each
 * signal outweighs everything after it), so the candidate query (persons.ts) can order and cut in
 * SQL by the same keys: rule, contact, the number or kind of signals, organization, similarity.
 */
export type Reason = 'name' | 'email' | 'phone' | 'organization' | 'address';

export interface PersonSignals {
  name: boolean;
  email: boolean;
  phone: boolean;
  organization: boolean;
  similarity: number;
}

export interface OrganizationSignals {
  /** both sides have an address */
  addressKnown: boolean;
  address: boolean;
  similarity: number;
}

export interface Scored {
  score: number;
  reasons: Reason[];
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round = (v: number) => Math.round(v * 1000) / 1000;

/** Pipedrive's person rule: the same name and at least one of e-mail, phone, organization. */
export const isPipedriveDuplicate = (s: PersonSignals) => s.name && (s.email || s.phone || s.organization);

export function scorePerson(s: PersonSignals): Scored {
  const sim = clamp01(s.similarity);
  const reasons: Reason[] = [];
  if (s.name) reasons.push('name');
  if (s.email) reasons.push('email');
  if (s.phone) reasons.push('phone');
  if (s.organization) reasons.push('organization');
  let score: number;
  if (isPipedriveDuplicate(s)) {
    const strong = Number(s.email) + Number(s.phone) + Number(s.organization);
    score = 0.9 + 0.03 * (strong - 1) + 0.02 * sim;
  } else if (s.email || s.phone) {
    const base = s.email && s.phone ? 0.75 : s.email ? 0.7 : 0.65;
    score = base + (s.organization ? 0.025 : 0) + 0.02 * sim;
  } else {
    score = 0.35 + 0.1 * sim;
  }
  return { score: round(score), reasons };
}

export function scoreOrganization(s: OrganizationSignals): Scored {
  const sim = clamp01(s.similarity);
  if (s.address) return { score: round(0.9 + 0.1 * sim), reasons: ['name', 'address'] };
  return { score: round((s.addressKnown ? 0.3 : 0.5) + 0.05 * sim), reasons: ['name'] };
}

/** Best first; equal scores: the older record (lower id) first. */
export function byScore<T extends { score: number; id: number }>(a: T, b: T): number {
  return b.score - a.score || a.id - b.id;
}
