import { useMemo } from 'react';
import { type Translate, useT } from '../i18n/provider.tsx';

/**
 * Who can see a record (`visible_to`), worded once for every page. Pipewright has no visibility groups
 * yet: 1 is the owner (and followers), anything else is the whole company.
 */
const LEVELS = [
  { value: 1, id: 'visibility.owner' },
  { value: 3, id: 'visibility.company' },
  { value: 5, id: 'visibility.group' },
  { value: 7, id: 'visibility.allGroups' },
] as const;

export interface VisibilityWords {
  /** every level, for a select */
  options: { value: number; label: string }[];
  /** the words for one level; an unknown level shows as its number */
  label(v: number | string): string;
}

export function visibilityWords(t: Translate): VisibilityWords {
  const options = LEVELS.map((l) => ({ value: l.value, label: t(l.id) }));
  return {
    options,
    label: (v) => options.find((o) => o.value === Number(v))?.label ?? String(v),
  };
}

/** The visibility levels in the user's language. */
export function useVisibility(): VisibilityWords {
  const t = useT();
  return useMemo(() => visibilityWords(t), [t]);
}
