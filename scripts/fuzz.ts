// `npm run fuzz [-- --runs N --seed S]`: the handler fuzzer at scale. Reports the seed (to replay a
// failure), the number of distinct inputs, and any input slower than the per-input limit.
import fc from 'fast-check';
import { exercise, fuzzInput } from '../test/support/fuzz';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg('runs', 10_000);
const seed = arg('seed', Date.now() % 2 ** 31);
const LIMIT_MS = 2_000;

const distinct = new Set<string>();
const slow: { ms: number; length: number }[] = [];
const result = fc.check(
  fc.property(fuzzInput, ([{ text, fromGrammar }, ext]) => {
    distinct.add(`${ext}\0${text}`);
    const start = performance.now();
    exercise(text, ext, fromGrammar);
    const ms = performance.now() - start;
    if (ms > LIMIT_MS) slow.push({ ms: Math.round(ms), length: text.length });
  }),
  { numRuns: runs, seed },
);
console.log(`seed ${seed}: ${result.numRuns} runs, ${distinct.size} distinct inputs, ${slow.length} over ${LIMIT_MS} ms`);
for (const s of slow) console.log(`  slow: ${s.ms} ms on ${s.length} characters`);
if (result.failed) {
  console.log(`FAILED after ${result.numRuns} runs (replay with --seed ${seed}): ${String(result.errorInstance)}`);
  console.log(`counterexample: ${JSON.stringify(result.counterexample)}`);
}
process.exit(result.failed || slow.length ? 1 : 0);
