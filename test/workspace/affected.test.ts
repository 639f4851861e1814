import assert from 'node:assert/strict';
import { test } from 'node:test';
import { affectedFiles } from '../../server/workspace/affected';
import { WorkspaceIndex } from '../../server/workspace/index';

const DS = (cols: string) => `SCHEMA >\n    ${cols}\n`;
const MV = 'NODE m\nSQL >\n    SELECT id FROM raw\nTYPE materialized\nDATASOURCE target\n';
const READER = 'NODE r\nSQL >\n    SELECT id FROM target\n';

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.update('/p/raw.datasource', DS('`id` UInt64'));
  index.update('/p/target.datasource', DS('`id` UInt64'));
  index.update('/p/mv.pipe', MV);
  index.update('/p/reader.pipe', READER);
  index.update('/p/other_reader.pipe', 'NODE o\nSQL >\n    SELECT * FROM raw\n');
  return index;
}

test('editing a datasource re-checks its readers and writers', () => {
  const index = workspace();
  const before = index.get('/p/target.datasource');
  const touched = index.update('/p/target.datasource', DS('`other` String'));
  assert.deepEqual([...affectedFiles(index, '/p/target.datasource', touched, before)].sort(), ['/p/mv.pipe', '/p/reader.pipe', '/p/target.datasource']);
});

test('editing a reader does not re-check the other readers of what it reads', () => {
  const index = workspace();
  const before = index.get('/p/reader.pipe');
  const touched = index.update('/p/reader.pipe', 'NODE r\nSQL >\n    SELECT id FROM raw\n');
  const affected = affectedFiles(index, '/p/reader.pipe', touched, before);
  assert.ok(affected.has('/p/reader.pipe'));
  assert.ok(!affected.has('/p/other_reader.pipe'));
});

test('deleting a datasource re-checks everything that referenced it', () => {
  const index = workspace();
  const before = index.get('/p/target.datasource');
  const touched = index.remove('/p/target.datasource');
  assert.deepEqual([...affectedFiles(index, '/p/target.datasource', touched, before)].sort(), ['/p/mv.pipe', '/p/reader.pipe', '/p/target.datasource']);
});

test('an MV that changes its target re-checks the readers of the old and the new target', () => {
  const index = workspace();
  index.update('/p/other.datasource', DS('`id` UInt64'));
  index.update('/p/other_target_reader.pipe', 'NODE x\nSQL >\n    SELECT * FROM other\n');
  const before = index.get('/p/mv.pipe');
  const touched = index.update('/p/mv.pipe', MV.replace('DATASOURCE target', 'DATASOURCE other'));
  const affected = affectedFiles(index, '/p/mv.pipe', touched, before);
  assert.ok(affected.has('/p/reader.pipe'));
  assert.ok(affected.has('/p/other_target_reader.pipe'));
});
