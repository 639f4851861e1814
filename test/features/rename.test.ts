import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RenameFile, TextDocumentEdit } from 'vscode-languageserver';
import { localReaders } from '../../server/semantic/occurrences';
import { prepareRename, rename } from '../../server/features/rename';
import { pathToUri, uriToPath } from '../../server/lsp/convert';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { occurrences } from '../../server/semantic/symbols';
import { identifierText, isName, isPunct } from '../../server/parser/sqlScan';
import type { FileFacts } from '../../server/workspace/facts';
import { applyEdit as apply, CORPUS, corpusIndex, fileOf, FIXTURES, indexOf, offsetOf, refusal, withEdit, workspaceFindings } from './support';

const ctxOf = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri });
const can = { canRenameFiles: true, exists: fs.existsSync, testFiles: () => [] };

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
    assert.match(refusal(() => prepareRename(ctx, events, offsetOf(events, 'SCHEMA', 1), can)), /Nothing to rename here/);
    const mv = fileOf(index, 'events_mv');
    assert.match(refusal(() => prepareRename(ctx, mv, offsetOf(mv, 'FROM events', 6), { ...can, canRenameFiles: false })), /does not support renaming files/);
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
    assert.equal(edits, readers.length + 11, 'every FROM/JOIN and the 11 columns qualified by the name');
    const after = apply(corpus, edit);
    assert.equal(after.readersOf('activity_relations').length, readers.length);
    assert.equal(after.readersOf('activityRelations').length, 0);
  });
});

/** A file and offset where a resource's name stands for it (a reference, or its name in its own file). */
function placeNaming(index: WorkspaceIndex, name: string): [FileFacts, number] | undefined {
  const ds = index.datasource(name)!;
  const own = ds.parsed.text.search(new RegExp(`\\b${name}\\b`));
  if (own >= 0) return [ds, own];
  for (const f of localReaders(index, name).map((r) => r.file)) {
    const o = occurrences(index, f).find((o) => o.target.kind === 'resource' && o.target.name === name);
    if (o) return [f, o.span.start];
  }
  for (const w of index.writersOf(name)) {
    const o = occurrences(index, w.file).find((o) => o.target.kind === 'resource' && o.target.name === name);
    if (o) return [w.file, o.span.start];
  }
  return undefined;
}

/** `name.col` / `name.*` in node SQL where `name` is no table, alias or CTE the node reads (no rule reports these). */
function danglingQualifiers(index: WorkspaceIndex, name: string): string[] {
  const out: string[] = [];
  for (const f of index.all()) {
    for (const n of f.nodes) {
      const a = n.analysis;
      if (!a || a.ctes.has(name) || a.refs.some((r) => r.name === name || r.alias === name)) continue;
      const tokens = a.tokens;
      tokens.forEach((t, k) => {
        if (isName(t) && identifierText(t) === name && isPunct(tokens[k + 1], '.') && !isPunct(tokens[k - 1], '.')) out.push(`${path.basename(f.path)}:${n.name}@${t.start}`);
      });
    }
  }
  return out;
}

describe('rename of a datasource with fixtures', () => {
  const corpus = corpusIndex();
  const renames = (name: string) => {
    const [file, offset] = placeNaming(corpus, name)!;
    const edit = rename(ctxOf(corpus), file, offset, `${name}_v2`, can);
    return (edit.documentChanges!.filter((c) => 'kind' in c) as RenameFile[]).map((c) => `${path.relative(CORPUS, uriToPath(c.oldUri)!)} → ${path.basename(uriToPath(c.newUri)!)}`);
  };

  it('renames fixtures/<name>.ndjson of the project and of the datasources folder', () => {
    assert.deepEqual(renames('insightsProjects'), ['datasources/insightsProjects.datasource → insightsProjects_v2.datasource', 'fixtures/insightsProjects.ndjson → insightsProjects_v2.ndjson']);
    assert.deepEqual(renames('country_mapping_ds'), [
      'datasources/country_mapping_ds.datasource → country_mapping_ds_v2.datasource',
      'datasources/fixtures/country_mapping_ds.ndjson → country_mapping_ds_v2.ndjson',
    ]);
  });

  it('renames no fixture when the datasource has none', () => {
    assert.deepEqual(renames('activityRelations'), ['datasources/activityRelations.datasource → activityRelations_v2.datasource']);
  });
});

describe('rename every datasource of the corpus', () => {
  // A private index: the renames are applied to it in place and undone.
  const corpus = indexOf(CORPUS);
  const ctx = ctxOf(corpus);
  it('leaves no finding the original workspace did not have, and rewrites table-qualified columns', (t) => {
    const before = workspaceFindings(corpus, CORPUS);
    const datasources = [...corpus.all()].filter((f) => f.role === 'datasource').map((f) => f.name).sort();
    const broken: string[] = [];
    const unnamed: string[] = [];
    let qualified = 0;
    for (const name of datasources) {
      const newName = `${name}_v2`;
      const place = placeNaming(corpus, name);
      if (!place) {
        unnamed.push(name);
        continue;
      }
      const [file, offset] = place;
      const edit = rename(ctx, file, offset, newName, can);
      withEdit(corpus, edit, () => {
        assert.equal(corpus.datasource(name), undefined, name);
        assert.ok(corpus.datasource(newName), newName);
        const added = workspaceFindings(corpus, CORPUS, { from: name, to: newName }).filter((d) => !before.includes(d));
        if (added.length) broken.push(`${name}: ${added.join('; ')}`);
        const dangling = danglingQualifiers(corpus, name);
        if (dangling.length) broken.push(`${name}: ${dangling.join('; ')} still qualify by the old name`);
        qualified += [...corpus.all()].reduce((n, f) => n + (f.parsed.text.match(new RegExp(`\\b${newName}\\.`, 'g'))?.length ?? 0), 0);
      });
    }
    assert.deepEqual(broken, []);
    assert.equal(datasources.length, 138);
    // Read by nothing and not naming themselves: no place to start a rename from.
    assert.deepEqual(unnamed, ['activities_backup_consistency_audit', 'activityRelations_enrich_snapshot_MV_ds_2']);
    t.diagnostic(`renamed ${datasources.length} datasources, ${datasources.length - unnamed.length - broken.length} renamed clean, ${unnamed.length} unnamed; ${qualified} table-qualified column references rewritten`);
  });
});
