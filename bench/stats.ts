// Summary statistics of the latency benches.

/** The nearest-rank `p`th percentile of ascending `sorted` (non-empty). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
