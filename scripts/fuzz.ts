// `npm run fuzz [-- --runs N --seed S --hang-ms H]`: the handler fuzzer at scale. Reports the seed (to replay a
// failure), the number of distinct inputs, and any input slower than the per-input limit. An input
// still running after HANG_MS is a hang, which no check on the main thread can stop: a watchdog thread
// prints it (with the seed) and ends the process.
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { exercise, fuzzInput } from '../test/support/fuzz';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg('runs', 10_000);
const seed = arg('seed', Date.now() % 2 ** 31);
const LIMIT_MS = 2_000;
const HANG_MS = arg('hang-ms', 30_000);

// Shared with the watchdog: [case number, start (Date.now(), 0 between cases), input length], then the input's UTF-8.
const shared = new SharedArrayBuffer(24 + 8 * 1024 * 1024);
const current = new Float64Array(shared, 0, 3);
const inputBytes = new Uint8Array(shared, 24);
const WATCHDOG = `
const { workerData: w } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const current = new Float64Array(w.shared, 0, 3);
const input = new Uint8Array(w.shared, 24);
setInterval(() => {
  if (!current[1] || Date.now() - current[1] < w.hangMs) return;
  const text = Buffer.from(input.subarray(0, current[2])).toString('utf8');
  // The main thread is stuck: write straight to stdout, then end the whole process.
  writeSync(1, 'HUNG on run ' + current[0] + ' (over ' + w.hangMs + ' ms; replay with --seed ' + w.seed + '): ' + JSON.stringify(text) + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 500);
`;
new Worker(WATCHDOG, { eval: true, workerData: { shared, hangMs: HANG_MS, seed } }).unref();
let run = 0;

const distinct = new Set<string>();
const slow: { ms: number; length: number }[] = [];
const result = fc.check(
  fc.property(fuzzInput, ([{ text, fromGrammar }, ext]) => {
    distinct.add(`${ext}\0${text}`);
    current[0] = ++run;
    current[2] = new TextEncoder().encodeInto(text, inputBytes).written;
    current[1] = Date.now();
    const start = process.cpuUsage(); // CPU time: wall time on a loaded machine flags inputs that merely waited
    exercise(text, ext, fromGrammar);
    current[1] = 0;
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    if (ms > LIMIT_MS) slow.push({ ms: Math.round(ms), length: text.length });
  }),
  { numRuns: runs, seed },
);
console.log(`seed ${seed}: ${result.numRuns} runs, ${distinct.size} distinct inputs, ${slow.length} over ${LIMIT_MS} ms of CPU`);
for (const s of slow) console.log(`  slow: ${s.ms} ms of CPU on ${s.length} characters`);
if (result.failed) {
  console.log(`FAILED after ${result.numRuns} runs (replay with --seed ${seed}): ${String(result.errorInstance)}`);
  console.log(`counterexample: ${JSON.stringify(result.counterexample)}`);
}
process.exit(result.failed || slow.length ? 1 : 0);
