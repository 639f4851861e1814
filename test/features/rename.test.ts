import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RenameFile, TextDocumentEdit } from 'vscode-languageserver';
import { localReaders } from '../../server/features/context';
import { prepareRename, rename } from '../../server/features/rename';
import { pathToUri, uriToPath } from '../../server/lsp/convert';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { applyEdit as apply, corpusIndex, fileOf, FIXTURES, indexOf, offsetOf, refusal } from './support';

const ctxOf = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri });
const can = { canRenameFiles: true };

describe('rename', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);
  const ctx = ctxOf(index);

  it('renames a datasource: its file and every FROM/JOIN, TARGET_DATASOURCE and included reference', () => {
    const api = fileOf(index, 'events_api');
    const offset = offsetOf(api, 'FROM events_serving_ds', 6);
    assert.deepEqual(prepareRename(ctx, api, offset, can).placeholder, 'events_serving_ds');
    const edit = rename(ctx, api, offset, 'events_snapshots_ds', can);
    const last = edit.documentChanges!.at(-1) as RenameFile;
    assert.equal(last.kind, 'rename');
    assert.equal(path.basename(uriToPath(last.newUri)!), 'events_snapshots_ds.datasource');
    const edited = (edit.documentChanges!.slice(0, -1) as TextDocumentEdit[]).map((c) => `${path.basename(c.textDocument.uri)}×${c.edits.length}`).sort();
    assert.deepEqual(edited, ['by_segment.incl×2', 'events_api.pipe×2', 'events_merger_copy.pipe×3']);
    const after = apply(index, edit);
    assert.equal(after.datasource('events_serving_ds'), undefined);
    assert.ok(after.datasource('events_snapshots_ds'));
    assert.equal(after.readersOf('events_snapshots_ds').length, index.readersOf('events_serving_ds').length);
    assert.equal(after.writersOf('events_snapshots_ds').length, 1);
    assert.equal(after.readersOf('events_serving_ds').length, 0);
  });

  it('renames a pipe from its own file name', () => {
    const file = fileOf(index, 'events_api');
    const edit = rename(ctx, file, offsetOf(file, 'by `events_api`', 5), 'segments_api', can);
    const changes = edit.documentChanges!;
    assert.equal(changes.length, 1);
    assert.equal(path.basename(uriToPath((changes[0] as RenameFile).newUri)!), 'segments_api.pipe');
  });

  it('renames a node and the nodes reading it', () => {
    const file = fileOf(index, 'events_merger_copy');
    const edit = rename(ctx, file, offsetOf(file, 'FROM old_rows', 6), 'previous_rows', can);
    const after = apply(index, edit);
    const pipe = fileOf(after, 'events_merger_copy');
    assert.deepEqual(pipe.nodes.map((n) => n.name), ['new_rows', 'previous_rows', 'merged']);
    assert.deepEqual(pipe.nodeReads.map((r) => r.ref.name), ['new_rows', 'previous_rows']);
  });

  it('refuses what cannot be renamed safely, saying why', () => {
    const events = fileOf(index, 'events');
    assert.match(refusal(() => prepareRename(ctx, events, offsetOf(events, '`value`', 2), can)), /column "value" would need a data migration/);
    assert.match(refusal(() => prepareRename(ctx, events, offsetOf(events, 'SCHEMA', 1), can)), /Only datasources, pipes and nodes/);
    const mv = fileOf(index, 'events_mv');
    assert.match(refusal(() => prepareRename(ctx, mv, offsetOf(mv, 'FROM events', 6), { canRenameFiles: false })), /does not support renaming files/);
    const api = fileOf(index, 'events_api');
    assert.match(refusal(() => prepareRename(ctx, api, offsetOf(api, 'by_segment.incl', 2), can)), /Included files/);
    assert.match(refusal(() => rename(ctx, mv, offsetOf(mv, 'FROM events', 6), '1bad', can)), /not a valid name/);
    assert.match(refusal(() => rename(ctx, mv, offsetOf(mv, 'FROM events', 6), 'events_mv_ds', can)), /already exists/);
    const copy = fileOf(index, 'events_merger_copy');
    assert.match(refusal(() => rename(ctx, copy, offsetOf(copy, 'FROM old_rows', 6), 'new_rows', can)), /node named "new_rows" already exists/);
    assert.match(refusal(() => rename(ctx, copy, offsetOf(copy, 'FROM old_rows', 6), 'events', can)), /would shadow it/);
  });

  it('refuses unknown and conflicting names', () => {
    const conflict = indexOf(`${FIXTURES}/snapshot-lambda`);
    conflict.update('/tmp/elsewhere/events.pipe', 'NODE n\nSQL >\n    SELECT 1\n');
    const mv = fileOf(conflict, 'events_mv');
    assert.match(refusal(() => prepareRename(ctxOf(conflict), mv, offsetOf(mv, 'FROM events', 6), can)), /defined by 2 files/);
    conflict.update('/tmp/elsewhere/reader.pipe', 'NODE n\nSQL >\n    SELECT 1 FROM nowhere\n');
    const reader = fileOf(conflict, 'reader');
    assert.match(refusal(() => prepareRename(ctxOf(conflict), reader, offsetOf(reader, 'nowhere', 1), can)), /not defined in this workspace/);
  });

  it('renames activityRelations in every reader of the corpus', () => {
    const corpus = corpusIndex();
    const ds = fileOf(corpus, 'activityRelations');
    const readers = localReaders(corpus, 'activityRelations');
    const edit = rename(ctxOf(corpus), ds, offsetOf(ds, '`activityRelations`', 2), 'activity_relations', can);
    const edits = (edit.documentChanges!.filter((c) => !('kind' in c)) as TextDocumentEdit[]).reduce((n, c) => n + c.edits.length, 0);
    assert.equal(edits, readers.length);
    const after = apply(corpus, edit);
    assert.equal(after.readersOf('activity_relations').length, readers.length);
    assert.equal(after.readersOf('activityRelations').length, 0);
  });
});
