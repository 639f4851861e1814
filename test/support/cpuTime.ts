// CPU time for scaling tests (a ratio between input sizes, never a timing assertion): the least of a
// few runs, less disturbed by other processes than wall time.

/** The least CPU time, in ms, of `runs` calls of `work` (each gets its run number, e.g. to set up afresh). */
export function bestCpuMs(work: (run: number) => void, runs = 3): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const t0 = process.cpuUsage();
    work(run);
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Linear work gives about 10× for ten times the input, quadratic about 100×; the floor keeps a tiny small-input time
 * from inflating the ratio. */
export function scalesLinearly(smallMs: number, largeMs: number, floorMs = 20): boolean {
  return largeMs / Math.max(smallMs, floorMs) < 25;
}
