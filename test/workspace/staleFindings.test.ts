// Which files the server re-checks after an edit: exactly those whose findings read something the
// edit changed (index.queries.takeStale after the rules ran on every file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/diagnostics/config';
import { diagnoseFiles, FILE_FINDINGS } from '../../server/diagnostics/index';
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

/** The files re-checked after `change`, once every file's findings are known. */
function rechecked(index: WorkspaceIndex, change: () => void): string[] {
  diagnoseFiles(index, [...index.all()], () => DEFAULT_CONFIG);
  index.queries.takeStale(FILE_FINDINGS);
  change();
  return index.queries.takeStale(FILE_FINDINGS).sort();
}

test('editing a datasource re-checks itself, its readers and writers, not the readers of other datasources', () => {
  const index = workspace();
  assert.deepEqual(rechecked(index, () => index.update('/p/target.datasource', DS('`other` String'))), ['/p/mv.pipe', '/p/reader.pipe', '/p/target.datasource']);
});

test('editing a reader does not re-check the other readers of what it reads', () => {
  const index = workspace();
  assert.deepEqual(rechecked(index, () => index.update('/p/reader.pipe', 'NODE r\nSQL >\n    SELECT id FROM raw\n')), ['/p/reader.pipe']);
});

test('deleting a datasource re-checks everything that referenced it', () => {
  const index = workspace();
  assert.deepEqual(rechecked(index, () => index.remove('/p/target.datasource')), ['/p/mv.pipe', '/p/reader.pipe', '/p/target.datasource']);
});

test('an MV that changes its target re-checks the readers whose snapshot role of the old or new target it changes', () => {
  const index = new WorkspaceIndex();
  index.update('/p/raw.datasource', DS('`id` UInt64'));
  index.update('/p/target.datasource', DS('`id` UInt64,\n    `snapshotId` DateTime'));
  index.update('/p/other.datasource', DS('`id` UInt64,\n    `snapshotId` DateTime'));
  index.update('/p/mv.pipe', MV);
  index.update('/p/reader.pipe', READER);
  index.update('/p/other_reader.pipe', 'NODE x\nSQL >\n    SELECT * FROM other\n');
  const stale = rechecked(index, () => index.update('/p/mv.pipe', MV.replace('DATASOURCE target', 'DATASOURCE other')));
  assert.ok(stale.includes('/p/reader.pipe'));
  assert.ok(stale.includes('/p/other_reader.pipe'));
});

test('editing an .incl re-checks the files including it', () => {
  const index = new WorkspaceIndex();
  index.update('/p/raw.datasource', DS('`id` UInt64'));
  index.update('/p/inc.incl', 'NODE i\nSQL >\n    SELECT id FROM raw\n');
  index.update('/p/uses.pipe', 'INCLUDE "inc.incl"\n\nNODE r\nSQL >\n    SELECT * FROM i\n');
  index.update('/p/plain.pipe', 'NODE r\nSQL >\n    SELECT * FROM raw\n');
  assert.deepEqual(rechecked(index, () => index.update('/p/inc.incl', 'NODE i\nSQL >\n    SELECT id FROM rwa\n')), ['/p/inc.incl', '/p/uses.pipe']);
});
