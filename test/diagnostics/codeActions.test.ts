// The LSP code actions: the rule's fix and the suppression fix, as workspace edits on the right URI.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { codeActions } from '../../server/features/codeActions';
import { FIXTURES, loadWorkspace } from './helpers';

test('code actions for a snapshot-filter finding', () => {
  const root = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');
  const index = loadWorkspace(root);
  const file = index.get(path.join(root, 'pipes', 'reader.pipe'))!;
  const uri = 'file:///reader.pipe';
  const actions = codeActions(index, file, uri, { start: { line: 2, character: 30 }, end: { line: 2, character: 30 } });
  assert.deepEqual(actions.map((a) => a.title), ['Filter serving_ds to its latest snapshotId', "Disable snapshot-filter for node 'latest'"]);
  assert.equal(actions[0].isPreferred, true);
  assert.equal(actions[0].diagnostics?.[0].code, 'snapshot-filter');
  const [edit] = actions[0].edit!.changes![uri];
  assert.deepEqual(edit.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 36 } });
  assert.match(edit.newText, /WHERE snapshotId = \(SELECT max\(snapshotId\) FROM serving_ds\)/);
  assert.deepEqual(codeActions(index, file, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }), []);
});
