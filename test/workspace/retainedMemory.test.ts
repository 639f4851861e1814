import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { WorkspaceIndex } from '../../server/workspace/index';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

// The index keeps facts, not the SQL tokens they came from (about 30 bytes of token per byte of
// SQL). The text of a block whose lines are adjacent is a slice of the document (a view), not a
// copy; its line spans are packed numbers, not an object a line; and the SQL's offset map does not
// keep the array it was built from: with all three this pipe retained 7.5 times its size, without
// the copy 6.5, with packed spans 4.6, without the builder array 3.45.
test('a one-run SQL block keeps no copy, no span objects and no builder array: a 2 MB pipe retains under 4 times its size', () => {
  const text = 'NODE n\nSQL >\n' + '    SELECT a, bc\n'.repeat(125_000);
  const index = new WorkspaceIndex();
  const before = heapUsed();
  index.update('/m/large.pipe', text);
  const retained = heapUsed() - before;
  assert.ok(index.get('/m/large.pipe')?.nodes[0].analysis);
  assert.ok(retained < 4 * text.length, `${(retained / 1048576).toFixed(1)} MB retained for ${(text.length / 1048576).toFixed(1)} MB`);
});
