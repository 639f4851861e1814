// Cross-file behaviour: a datasource edit changes its writers' and readers' findings, and deleting or
// renaming a file changes the findings of what referenced it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, findingsIn, loadWorkspace } from './helpers';

test('dropping a column from a datasource shows the broken materialized view', () => {
  const root = path.join(FIXTURES, 'target-unknown-column', 'ok-matching-columns');
  const index = loadWorkspace(root);
  const rules = () => findingsIn(index, root).map((f) => `${f.found.rule.id} ${f.where}`);
  assert.deepEqual(rules(), []);
  index.update(path.join(root, 'events_copy.datasource'), 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n');
  assert.deepEqual(rules(), ['target-unknown-column p.pipe:3']);
});

test('deleting or renaming a datasource flags its readers and its snapshot status follows its writers', () => {
  const root = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');
  const index = loadWorkspace(root);
  const rules = () => findingsIn(index, root).map((f) => `${f.found.rule.id} ${f.where}`);
  assert.deepEqual(rules(), ['snapshot-filter pipes/reader.pipe:3']);
  const copy = path.join(root, 'pipes', 'serving_copy.pipe');
  const copyText = index.text(copy)!;
  index.update(copy, copyText.replace('COPY_MODE append', 'COPY_MODE replace'));
  assert.deepEqual(rules(), []);
  index.update(copy, copyText);
  const ds = path.join(root, 'datasources', 'serving_ds.datasource');
  const dsText = index.text(ds)!;
  index.remove(ds);
  index.update(path.join(root, 'datasources', 'serving_v2_ds.datasource'), dsText);
  assert.deepEqual(rules(), ['unresolved-reference pipes/reader.pipe:3', 'unknown-target-datasource pipes/serving_copy.pipe:6']);
});
