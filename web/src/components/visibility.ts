/**
 * Who can see a record (`visible_to`), worded once for every page. Pipewright has no visibility groups
 * yet: 1 is the owner (and followers), anything else is the whole company.
 */
export const VISIBILITY: { value: number; label: string }[] = [
  { value: 1, label: 'Owner & followers' },
  { value: 3, label: 'Entire company' },
  { value: 5, label: 'Visibility group and sub-groups' },
  { value: 7, label: 'All visibility groups' },
];

export const visibilityLabel = (v: number | string) =>
  VISIBILITY.find((o) => o.value === Number(v))?.label ?? String(v);
