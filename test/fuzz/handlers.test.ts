// A few hundred fuzzed datafiles through every handler: no exception, and editor formatting a fixed
// point (see `exercise`). A fixed seed keeps `npm test` deterministic (FUZZ_SEED picks another);
// `npm run fuzz` explores new seeds, 10,000+ inputs at a time. The seed and the number of distinct
// inputs are reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { exercise, fuzzInput } from '../support/fuzz';

test('fuzzed datafiles never make a handler throw', (t) => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261207);
  const distinct = new Set<string>();
  const result = fc.check(
    fc.property(fuzzInput, ([{ text, fromGrammar }, ext]) => {
      distinct.add(`${ext}\0${text}`);
      exercise(text, ext, fromGrammar);
    }),
    { numRuns: 300, seed },
  );
  t.diagnostic(`seed ${seed}: ${result.numRuns} runs, ${distinct.size} distinct inputs`);
  assert.ok(!result.failed, `seed ${seed}: ${String(result.errorInstance)}\ncounterexample: ${JSON.stringify(result.counterexample)}`);
});
