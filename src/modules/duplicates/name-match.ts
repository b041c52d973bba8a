import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import { nameKey } from '../contacts/name-key.ts';

/**
 * How two person names compare when they are not the same name key: part by part, forgiving the
 * typos, missing parts and stray spaces people make when they type a name again.
 *
 * Each name is folded like its key (case, accents, punctuation; nameKey) but keeps its word order;
 * words are paired across the two names (any order), a pair matching when the words are equal,
 * within a small edit distance (an adjacent swap counts as one edit), an initial of the other, or
 * equal by their double-metaphone keys. A name written with or without a space inside a word
 * ("Andr ew") is compared with its words joined too.
 */

export type NamePart = 'given' | 'middle' | 'surname' | 'name';

/** One observation about the names, shown as a reason. */
export type NameDetail =
  | { kind: 'name_same' }
  | { kind: 'name_spacing' }
  | { kind: 'name_typo'; part: NamePart; letters: number }
  | { kind: 'name_sounds_alike'; part: NamePart }
  | { kind: 'name_initial'; part: NamePart }
  | { kind: 'name_part_missing'; part: NamePart };

export interface NameComparison {
  level: 'same' | 'similar' | 'none';
  /** 1 for the same name, lower the more it takes to make one from the other */
  score: number;
  details: NameDetail[];
}

/** The folded words of a name in their written order, and whether it was written "Surname, Given". */
export function nameWords(name: string | null | undefined): { words: string[]; surnameFirst: boolean } {
  if (!name) return { words: [], surnameFirst: false };
  const surnameFirst = /^[^,]+,[^,]+$/.test(name.trim());
  const words = name
    .split(/[\s\p{Z},]+/u)
    .map((w) => nameKey(w))
    .filter((w): w is string => w !== null)
    .flatMap((w) => w.split(' '));
  if (surnameFirst && words.length > 1) {
    // "Renfrey, Andrew J" → given words first, so the last word is the surname
    const commaAt = name.indexOf(',');
    const before = nameWords(name.slice(0, commaAt)).words;
    return { words: [...words.slice(before.length), ...before], surnameFirst };
  }
  return { words, surnameFirst };
}

/** The role of word `i` of `n` written given name first. */
export function partOf(i: number, n: number): NamePart {
  if (n === 1) return 'name';
  if (i === 0) return 'given';
  if (i === n - 1) return 'surname';
  return 'middle';
}

/** Edits allowed between two words of this length (the shorter one). */
const allowed = (len: number) => (len <= 3 ? 0 : len <= 7 ? 1 : 2);

/** Levenshtein distance, with one adjacent swap ("Andrwe") counted as one edit. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d === 2 && a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (diff.length === 2) {
      const [i, j] = diff as [number, number];
      if (j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 1;
    }
  }
  return d;
}

const metaphoneCache = new Map<string, [string, string]>();
function phonetic(w: string): [string, string] {
  let k = metaphoneCache.get(w);
  if (!k) {
    k = doubleMetaphone(w) as [string, string];
    if (metaphoneCache.size > 10_000) metaphoneCache.clear();
    metaphoneCache.set(w, k);
  }
  return k;
}

/** Whether two words sound alike: a double-metaphone key in common (and the same first letter). */
export function soundAlike(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4 || a[0] !== b[0]) return false;
  const [a1, a2] = phonetic(a);
  const [b1, b2] = phonetic(b);
  return a1 !== '' && (a1 === b1 || a1 === b2 || (a2 !== '' && (a2 === b1 || a2 === b2)));
}

interface Pair {
  i: number;
  j: number;
  kind: 'same' | 'typo' | 'sounds' | 'initial';
  edits: number;
}

function pairOf(a: string, b: string, i: number, j: number): Pair | undefined {
  if (a === b) return { i, j, kind: 'same', edits: 0 };
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) {
    return { i, j, kind: 'initial', edits: 0 };
  }
  const edits = editDistance(a, b);
  if (edits <= allowed(Math.min(a.length, b.length))) return { i, j, kind: 'typo', edits };
  if (edits <= 3 && soundAlike(a, b)) return { i, j, kind: 'sounds', edits };
  return undefined;
}

const COST: Record<Pair['kind'], number> = { same: 0, initial: 0.5, typo: 1, sounds: 1.5 };

/** The best pairing of the words of a with those of b: cheapest pairs first, each word once. */
function align(a: string[], b: string[]): Pair[] {
  const pairs: Pair[] = [];
  for (const [i, x] of a.entries()) {
    for (const [j, y] of b.entries()) {
      const p = pairOf(x, y, i, j);
      if (p) pairs.push(p);
    }
  }
  pairs.sort(
    (p, q) => COST[p.kind] + p.edits - (COST[q.kind] + q.edits) || Math.abs(p.i - p.j) - Math.abs(q.i - q.j),
  );
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Pair[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    out.push(p);
  }
  return out;
}

/** The words, and the words with one adjacent pair joined ("andr ew" → "andrew"). */
function variants(words: string[]): { words: string[]; joined: boolean }[] {
  const out = [{ words, joined: false }];
  if (words.length > 5) return out;
  for (let i = 0; i + 1 < words.length; i++) {
    out.push({
      words: [...words.slice(0, i), `${words[i]}${words[i + 1]}`, ...words.slice(i + 2)],
      joined: true,
    });
  }
  return out;
}

interface Judged {
  score: number;
  details: NameDetail[];
}

/** One pairing of probe words a with candidate words b (b in given-name-first order). */
function judge(a: string[], b: string[], spacing: boolean): Judged | undefined {
  const pairs = align(a, b);
  const real = pairs.filter((p) => p.kind !== 'initial' && (a[p.i] as string).length >= 2);
  if (real.length === 0) return undefined;
  const shorter = Math.min(a.length, b.length);
  // every word of the shorter name must have its pair
  if (pairs.length < shorter) return undefined;
  const edits = pairs.reduce((n, p) => n + p.edits, 0);
  // a name with a space taken out must then match letter for letter
  if (edits > (spacing ? 0 : 2)) return undefined;
  const details: NameDetail[] = [];
  if (spacing) details.push({ kind: 'name_spacing' });
  let score = spacing ? 0.97 : 1;
  for (const p of pairs.sort((x, y) => x.j - y.j)) {
    const part = partOf(p.j, b.length);
    if (p.kind === 'typo') {
      details.push({ kind: 'name_typo', part, letters: p.edits });
      score -= 0.08 * p.edits;
    } else if (p.kind === 'sounds') {
      details.push({ kind: 'name_sounds_alike', part });
      score -= 0.12;
    } else if (p.kind === 'initial') {
      details.push({ kind: 'name_initial', part });
      score -= 0.04;
    }
  }
  const pairedB = new Set(pairs.map((p) => p.j));
  for (const j of b.keys()) {
    if (pairedB.has(j)) continue;
    details.push({ kind: 'name_part_missing', part: partOf(j, b.length) });
    score -= b[j]!.length === 1 ? 0.04 : 0.15;
  }
  const pairedA = new Set(pairs.map((p) => p.i));
  for (const i of a.keys()) {
    if (pairedA.has(i)) continue;
    // a word the existing record does not have: its part in the probe's own order
    details.push({ kind: 'name_part_missing', part: partOf(i, a.length) });
    score -= a[i]!.length === 1 ? 0.04 : 0.15;
  }
  return { score: Math.max(0.05, Math.round(score * 1000) / 1000), details };
}

/**
 * How the name of a probe compares with a candidate's. `candidateParts` are the candidate's first
 * and last name when stored: they tell which word is the surname.
 */
export function compareNames(
  probe: string | null | undefined,
  candidate: string | null | undefined,
): NameComparison {
  const none: NameComparison = { level: 'none', score: 0, details: [] };
  const k1 = nameKey(probe);
  const k2 = nameKey(candidate);
  if (k1 === null || k2 === null) return none;
  if (k1 === k2) return { level: 'same', score: 1, details: [{ kind: 'name_same' }] };
  const a = nameWords(probe).words;
  const b = nameWords(candidate).words;
  if (a.join('') === b.join('')) {
    return { level: 'similar', score: 0.97, details: [{ kind: 'name_spacing' }] };
  }
  let best: Judged | undefined;
  for (const va of variants(a)) {
    for (const vb of variants(b)) {
      // a space taken out on one side only ("andr ew" / "andrew"), never both
      if (va.joined && vb.joined) continue;
      const j = judge(va.words, vb.words, va.joined || vb.joined);
      if (j && (!best || j.score > best.score)) best = j;
    }
  }
  return best ? { level: 'similar', ...best } : none;
}
