// Stops synchronous work that overruns its time: V8 terminates the running JavaScript when a `vm`
// script's timeout expires, host functions it called included, and `runInContext` then throws.
// This is the only way to pre-empt a synchronous rule without moving the rules to another thread.
// Each timeout starts a watchdog thread (~30-100 µs), so one watchdog covers a run of items.
import * as vm from 'node:vm';

// One context for every call; `job` holds the function only while it runs.
const sandbox = vm.createContext({ job: undefined as (() => void) | undefined });
const runJob = new vm.Script('job()');

/** Runs `work` for at most `ms` milliseconds; false when it was stopped. Errors it throws propagate. */
function runWithTimeLimit(work: () => void, ms: number): boolean {
  sandbox.job = work;
  try {
    runJob.runInContext(sandbox, { timeout: Math.ceil(ms) });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return false;
    throw e;
  } finally {
    sandbox.job = undefined;
  }
}

/**
 * Calls `run` on each item, giving each at least `limitMs(item)` milliseconds; an item stopped after
 * that long goes to `stopped`, and the others go on. A run of items shares one watchdog whose limit
 * is that of the item it started with; an item cut short before its own limit is run again from the
 * start of a fresh watchdog, so `run` must be restartable.
 */
export function runEachWithTimeLimit<T>(items: readonly T[], limitMs: (item: T) => number, run: (item: T) => void, stopped: (item: T) => void): void {
  let first = 0;
  while (first < items.length) {
    if (limitMs(items[first]) <= 0) {
      // No time at all (a budget of 0): stopped before it starts.
      stopped(items[first++]);
      continue;
    }
    let current = first;
    const finished = runWithTimeLimit(() => {
      for (; current < items.length; current++) run(items[current]);
    }, limitMs(items[first]));
    if (finished) return;
    if (current === first) {
      stopped(items[current]);
      first = current + 1;
    } else first = current;
  }
}
