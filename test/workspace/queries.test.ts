import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Queries } from '../../server/workspace/queries';

/** A query over `inputs` that counts its computations. */
function counted(queries: Queries, inputs: Map<string, number>) {
  let runs = 0;
  const inner = () => queries.memo('inner', '', undefined, () => (queries.read('definitions', 'a'), inputs.get('a')!));
  const outer = () =>
    queries.memo('outer', 'k', undefined, () => {
      runs++;
      queries.read('file', '/x');
      return inner() + inputs.get('x')!;
    });
  return { outer, runs: () => runs };
}

test('a memo is reused until an input it read, directly or through a nested query, changes', () => {
  const queries = new Queries();
  const inputs = new Map([['a', 1], ['x', 10]]);
  const { outer, runs } = counted(queries, inputs);
  assert.equal(outer(), 11);
  assert.equal(outer(), 11);
  assert.equal(runs(), 1);
  queries.changed('names');
  queries.changed('definitions', 'b');
  assert.equal(outer(), 11);
  assert.equal(runs(), 1, 'inputs it did not read');
  inputs.set('a', 2);
  queries.changed('definitions', 'a');
  assert.equal(outer(), 12, 'read through the nested query');
  inputs.set('x', 20);
  queries.changed('file', '/x');
  assert.equal(outer(), 22);
  assert.equal(runs(), 3);
});

test('a memo is reused for the same guard only', () => {
  const queries = new Queries();
  let runs = 0;
  const guardA = {};
  queries.memo('q', 'k', guardA, () => runs++);
  queries.memo('q', 'k', guardA, () => runs++);
  queries.memo('q', 'k', {}, () => runs++);
  assert.equal(runs, 2);
});

test('takeStale lists the keys of watched memos whose reads changed, once', () => {
  const queries = new Queries();
  for (const key of ['/a', '/b']) {
    const { reads } = queries.track(() => queries.read('readers', key === '/a' ? 'events' : 'other'));
    queries.store('findings', key, undefined, [], reads, true);
  }
  const { reads } = queries.track(() => queries.read('readers', 'events'));
  queries.store('unwatched', 'k', undefined, [], reads);
  queries.changed('readers', 'events');
  assert.deepEqual(queries.takeStale('findings'), ['/a']);
  assert.deepEqual(queries.takeStale('findings'), []);
  assert.deepEqual(queries.takeStale('unwatched'), []);
  assert.equal(queries.cached('unwatched', 'k', undefined), undefined, 'dropped all the same');
});

test('a result whose reads are not all known is dropped by any change', () => {
  const queries = new Queries();
  queries.store('findings', '/a', undefined, [], queries.readsOfEverything(), true);
  queries.changed('all');
  assert.deepEqual(queries.takeStale('findings'), ['/a']);
});
