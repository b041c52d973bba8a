/** The p-th percentile (nearest rank) of ascending values; undefined when there are none. */
export function pct(sorted: readonly number[] | undefined, p: number): number | undefined {
  if (!sorted?.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The median of the values that are numbers (the mean of the middle two of an even count). */
export function median(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}
