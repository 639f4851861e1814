// Summary statistics of the latency benches.

/** The nearest-rank `p`th percentile of ascending `sorted` (non-empty). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The middle value (the upper one of an even count), as every bench table reports. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One decimal, for the bench tables. */
export const round = (x: number): number => Math.round(x * 10) / 10;
