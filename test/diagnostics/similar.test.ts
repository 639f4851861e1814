// "Did you mean" distances: the bounded distance agrees with the full one wherever it is within the
// bound, and only says "above the bound" otherwise.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { boundedEditDistance, closest, editDistance } from '../../server/diagnostics/support/similar';

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('events', 'eventz'), 1);
});

test('boundedEditDistance equals the distance within the bound and exceeds the bound otherwise', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(5), (a, b, max) => {
      const full = editDistance(a, b);
      const bounded = boundedEditDistance(a, b, max);
      if (full <= max) assert.equal(bounded, full);
      else assert.ok(bounded > max, `${a} / ${b}: ${bounded} ≤ ${max} though the distance is ${full}`);
    }),
    { numRuns: 2000 },
  );
});

test('closest picks the nearest candidate, the first of equals, within a third of the length', () => {
  assert.equal(closest('activty_relations', ['activities', 'activity_relations', 'activity_relation']), 'activity_relations');
  assert.equal(closest('Eventz', ['events_a', 'events']), 'events');
  assert.equal(closest('abc', ['xyz']), undefined);
});
