// A few hundred fuzzed datafiles through every handler: no exception. (`npm run fuzz` runs 10,000+.)
import { test } from 'node:test';
import fc from 'fast-check';
import { exercise, fuzzInput } from '../support/fuzz';

test('fuzzed datafiles never make a handler throw', () => {
  fc.assert(fc.property(fuzzInput, ([text, ext]) => exercise(text, ext)), { numRuns: 300 });
});
