// A few hundred fuzzed datafiles through every handler: no exception, and editor formatting a fixed
// point (see `exercise`). The seed and the number of distinct inputs are reported; a failure prints the
// seed to replay with `npm run fuzz -- --seed S`, which runs 10,000+.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { exercise, fuzzInput } from '../support/fuzz';

test('fuzzed datafiles never make a handler throw', (t) => {
  const seed = Date.now() % 2 ** 31;
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
