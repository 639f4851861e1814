import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointNode } from '../../server/workspace/facts';
import { dependenciesOf } from '../../server/workspace/lineage';
import { WorkspaceIndex } from '../../server/workspace/index';

const DS = 'SCHEMA >\n    `id` UInt64\n';
const reader = (table: string) => `NODE n\nSQL >\n    SELECT * FROM ${table}\n`;
const copy = (target: string) => `NODE c\nSQL >\n    SELECT 1\nTYPE COPY\nTARGET_DATASOURCE ${target}\nCOPY_MODE append\n`;

test('an edit re-derives only that file and reports the names it touched', () => {
  const index = new WorkspaceIndex();
  index.update('/p/datasources/a.datasource', DS);
  index.update('/p/datasources/b.datasource', DS);
  index.update('/p/pipes/r.pipe', reader('a'));
  assert.deepEqual(index.readersOf('a').map((r) => r.file.name), ['r']);
  const touched = index.update('/p/pipes/r.pipe', reader('b'));
  assert.deepEqual([...touched].sort(), ['a', 'b', 'r']);
  assert.deepEqual(index.readersOf('a'), []);
  assert.deepEqual(index.readersOf('b').map((r) => r.file.name), ['r']);
});

test('deleting and re-creating files updates definitions and edges', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/w.pipe', copy('target'));
  assert.equal(index.writersOf('target').length, 1);
  assert.equal(index.datasource('target'), undefined);
  index.update('/p/datasources/target.datasource', DS);
  assert.ok(index.datasource('target'));
  const touched = index.remove('/p/pipes/w.pipe');
  assert.ok(touched.has('target'));
  assert.deepEqual(index.writersOf('target'), []);
  // a rename is a delete plus a create
  index.remove('/p/datasources/target.datasource');
  index.update('/p/datasources/renamed.datasource', DS);
  assert.equal(index.resolve('target'), undefined);
  assert.ok(index.resolve('renamed'));
});

test('nodes of the same pipe and CTEs are not external reads', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/x.pipe', 'NODE first\nSQL >\n    SELECT * FROM ds\n\nNODE second\nSQL >\n    WITH c AS (SELECT 1) SELECT * FROM first JOIN c ON 1\n');
  const file = index.get('/p/pipes/x.pipe')!;
  assert.deepEqual(file.externalReads.map((r) => r.ref.name), ['ds']);
  assert.deepEqual(file.nodeReads.map((r) => r.ref.name), ['first']);
});

test('INCLUDE resolves relative to the file, substitutes VAR=value and follows .incl edits', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/main.pipe', 'INCLUDE "../includes/shared.incl" "TABLE=events"\n\nNODE last\nSQL >\n    SELECT * FROM shared_node\n');
  assert.deepEqual(index.readersOf('events'), []);
  index.update('/p/includes/shared.incl', 'NODE shared_node\nSQL >\n    SELECT * FROM $TABLE\n');
  const readers = index.readersOf('events');
  assert.deepEqual(readers.map((r) => [r.file.name, r.read.node, r.via?.name]), [['main', 'shared_node', 'shared']]);
  // tb replaces the INCLUDE line with the file's text: included nodes come first here.
  assert.deepEqual(index.nodesOf(index.pipe('main')!).map((n) => n.node.name), ['shared_node', 'last']);
  index.update('/p/includes/shared.incl', 'NODE shared_node\nSQL >\n    SELECT * FROM other\n');
  assert.deepEqual(index.readersOf('events'), []);
  assert.equal(index.readersOf('other').length, 1);
  index.remove('/p/includes/shared.incl');
  assert.deepEqual(index.readersOf('other'), []);
});

test('two files with the same resource name are both definitions', () => {
  const index = new WorkspaceIndex();
  index.update('/p/a/dup.datasource', DS);
  index.update('/p/b/dup.pipe', reader('x'));
  assert.equal(index.definitions('dup').length, 2);
  assert.equal(index.resolve('dup')?.role, 'datasource');
});

test('included nodes stand where the INCLUDE line is, and the last of them can be the endpoint', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/p.pipe', 'NODE first\nSQL >\n    SELECT 1\n\nINCLUDE "middle.incl"\n\nNODE last\nSQL >\n    SELECT * FROM m2\n');
  index.update('/p/pipes/middle.incl', 'NODE m1\nSQL >\n    SELECT 2\n\nNODE m2\nSQL >\n    SELECT * FROM m1\n');
  const pipe = index.pipe('p')!;
  assert.deepEqual(index.nodesOf(pipe).map((n) => n.node.name), ['first', 'm1', 'm2', 'last']);
  assert.equal(endpointNode(index, pipe)?.name, 'last');
  index.update('/p/pipes/tail.pipe', 'NODE own\nSQL >\n    SELECT 1\n\nINCLUDE "middle.incl"\n');
  assert.equal(endpointNode(index, index.pipe('tail')!)?.name, 'm2');
});

test('nested INCLUDEs expand in place, resolve against the top-level file, and feed lineage', () => {
  const index = new WorkspaceIndex();
  index.update('/p/ds.datasource', 'SCHEMA >\n    `id` UInt64\n');
  index.update('/p/pipes/top.pipe', 'NODE a\nSQL >\n    SELECT 1\n\nINCLUDE "inc/outer.incl"\n\nNODE z\nSQL >\n    SELECT * FROM inner_node\n');
  // tb resolves every INCLUDE against the parsed file's folder, so the nested path starts from pipes/
  index.update('/p/pipes/inc/outer.incl', 'NODE o1\nSQL >\n    SELECT 2\n\nINCLUDE "inc/inner.incl"\n\nNODE o2\nSQL >\n    SELECT 3\n');
  index.update('/p/pipes/inc/inner.incl', 'NODE inner_node\nSQL >\n    SELECT * FROM ds\n\nINCLUDE "inc/outer.incl"\n');
  const top = index.pipe('top')!;
  assert.deepEqual(index.nodesOf(top).map((n) => n.node.name), ['a', 'o1', 'inner_node', 'o2', 'z']);
  assert.deepEqual(dependenciesOf(index, top), ['ds']);
  assert.deepEqual(index.readersOf('ds').map((r) => [r.file.name, r.read.node]), [['top', 'inner_node']]);
  assert.deepEqual([...index.includedPaths(top)], ['/p/pipes/inc/outer.incl', '/p/pipes/inc/inner.incl']);
  assert.deepEqual(index.includersOf('/p/pipes/inc/inner.incl').map((f) => f.name), ['top']);
  // an edit of the nested file reaches the top-level pipe
  index.update('/p/pipes/inc/inner.incl', 'NODE inner_node\nSQL >\n    SELECT 1\n');
  assert.deepEqual(index.readersOf('ds'), []);
});

test('readers, writers and definitions come in path order, whatever the order of edits', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/r1.pipe', reader('a'));
  index.update('/p/pipes/r2.pipe', reader('a'));
  index.update('/p/pipes/w1.pipe', copy('a'));
  index.update('/p/pipes/w2.pipe', copy('a'));
  index.update('/p/a/dup.pipe', reader('x'));
  index.update('/p/b/dup.pipe', reader('x'));
  // re-edited files go last in insertion order
  index.update('/p/pipes/r1.pipe', reader('a') + '\n');
  index.update('/p/pipes/w1.pipe', copy('a') + '\n');
  index.update('/p/a/dup.pipe', reader('y'));
  assert.deepEqual(index.readersOf('a').map((r) => r.file.name), ['r1', 'r2']);
  assert.deepEqual(index.writersOf('a').map((w) => w.file.name), ['w1', 'w2']);
  assert.deepEqual(index.definitions('dup').map((f) => f.path), ['/p/a/dup.pipe', '/p/b/dup.pipe']);
});
