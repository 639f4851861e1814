import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definition } from '../../server/features/definition';
import { documentHighlights } from '../../server/features/highlights';
import { references } from '../../server/features/references';
import { fuzzyMatch, workspaceSymbols } from '../../server/features/workspaceSymbols';
import type { Location } from 'vscode-languageserver';
import { pathToUri, uriToPath } from '../../server/lsp/convert';
import { localReaders } from '../../server/semantic/occurrences';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { corpusIndex, fileOf, FIXTURES, indexOf, offsetOf, where } from './support';

const ctxOf = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri });

describe('definition', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);
  const ctx = ctxOf(index);
  const def = (file: string, needle: string, delta = 1) => {
    const f = fileOf(index, file);
    return definition(ctx, f, offsetOf(f, needle, delta)).map((l) => where(index, l));
  };

  it('opens datasources and pipes, from SQL, DATASOURCE and TARGET_DATASOURCE', () => {
    assert.deepEqual(def('events_mv', 'FROM events', 6), ['events.datasource:1:']);
    assert.deepEqual(def('events_mv', 'DATASOURCE events_mv_ds', 12), ['events_mv_ds.datasource:1:']);
    assert.deepEqual(def('events_merger_copy', 'TARGET_DATASOURCE', 19), ['events_serving_ds.datasource:1:']);
  });

  it('jumps to nodes (also included ones), columns and included files', () => {
    assert.deepEqual(def('events_merger_copy', 'FROM new_rows', 6), ['events_merger_copy.pipe:1:new_rows']);
    assert.deepEqual(def('events_api', 'FROM by_segment', 6), ['by_segment.incl:1:by_segment']);
    assert.deepEqual(def('events_api', 'e.value', 3), ['events_serving_ds.datasource:5:value']);
    assert.deepEqual(def('events', 'ENGINE_SORTING_KEY segmentId', 20), ['events.datasource:6:segmentId']);
    assert.deepEqual(def('events_api', 'by_segment.incl', 2), ['by_segment.incl:1:']);
    assert.deepEqual(def('events_api', 'SELECT', 2), []);
  });
});

describe('references and highlights', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);
  const ctx = ctxOf(index);
  const refs = (file: string, needle: string, delta: number, includeDeclaration = false) => {
    const f = fileOf(index, file);
    return references(ctx, f, offsetOf(f, needle, delta), includeDeclaration).map((l) => where(index, l)).sort();
  };

  it('finds every FROM/JOIN, TARGET_DATASOURCE and included read of a datasource', () => {
    assert.deepEqual(refs('events_api', 'FROM events_serving_ds', 6), [
      'by_segment.incl:5:events_serving_ds',
      'by_segment.incl:6:events_serving_ds',
      'events_api.pipe:17:events_serving_ds',
      'events_api.pipe:19:events_serving_ds',
      'events_merger_copy.pipe:10:events_serving_ds',
      'events_merger_copy.pipe:19:events_serving_ds',
      'events_merger_copy.pipe:9:events_serving_ds',
    ]);
    assert.ok(refs('events_api', 'FROM events_serving_ds', 6, true).includes('events_serving_ds.datasource:1:'));
  });

  it('finds node and column references, declarations on request', () => {
    assert.deepEqual(refs('events_merger_copy', 'NODE old_rows', 6, true), ['events_merger_copy.pipe:16:old_rows', 'events_merger_copy.pipe:6:old_rows']);
    assert.deepEqual(refs('events_api', 'FROM by_segment', 6), ['events_api.pipe:10:by_segment']);
    const value = refs('events', '`value`', 2, true);
    assert.ok(value.includes('events.datasource:7:value'));
    assert.ok(value.includes('events_mv.pipe:3:value'));
    assert.ok(value.includes('events_latest_copy.pipe:3:value'));
  });

  it('highlights occurrences in the current file', () => {
    const f = fileOf(index, 'events_merger_copy');
    const lights = documentHighlights(ctx, f, offsetOf(f, 'FROM events_mv_ds', 6));
    assert.equal(lights.length, 2);
    assert.deepEqual(documentHighlights(ctx, f, offsetOf(f, 'UNION', 1)), []);
  });

  it('finds every reader of activityRelations on the corpus', () => {
    const corpus = corpusIndex();
    const f = fileOf(corpus, 'activityRelations');
    const fromOwnFile = references(ctxOf(corpus), f, offsetOf(f, '`activityRelations`', 2), false);
    // Every FROM/JOIN reading it, plus the columns qualified by its name (`activityRelations.*`).
    const followedByDot = (loc: Location) => {
      const file = corpus.get(uriToPath(loc.uri)!)!;
      return file.parsed.text[file.parsed.lineStarts[loc.range.end.line] + loc.range.end.character] === '.';
    };
    const qualified = fromOwnFile.filter(followedByDot).map((loc) => where(corpus, loc));
    assert.deepEqual(qualified.sort(), [
      'activityRelations_enrich_initial_snapshot_0.pipe:20:activityRelations',
      'activityRelations_enrich_initial_snapshot_0.pipe:39:activityRelations',
      'activityRelations_enrich_initial_snapshot_0.pipe:40:activityRelations',
      'activityRelations_enrich_initial_snapshot_1.pipe:20:activityRelations',
      'activityRelations_enrich_initial_snapshot_1.pipe:39:activityRelations',
      'activityRelations_enrich_initial_snapshot_1.pipe:40:activityRelations',
      'activityRelations_enrich_initial_snapshot_2.pipe:20:activityRelations',
      'activityRelations_enrich_initial_snapshot_2.pipe:39:activityRelations',
      'activityRelations_enrich_initial_snapshot_2.pipe:40:activityRelations',
      'activityRelations_enrich_snapshot_MV.pipe:14:activityRelations',
      'activityRelations_enrich_snapshot_MV.pipe:33:activityRelations',
    ]);
    assert.equal(fromOwnFile.length, localReaders(corpus, 'activityRelations').length + qualified.length);
    const pipe = fileOf(corpus, 'activityRelations_bucket_MV_0');
    const all = references(ctxOf(corpus), pipe, offsetOf(pipe, 'FROM activityRelations', 6), false);
    assert.equal(all.length, fromOwnFile.length);
  });
});

describe('workspace symbols', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);

  it('matches datasources, pipes and nodes as a subsequence', () => {
    assert.ok(fuzzyMatch('esds', 'events_serving_ds'));
    assert.ok(!fuzzyMatch('xyz', 'events'));
    const names = workspaceSymbols(ctxOf(index), 'serving').map((s) => `${s.name}${s.containerName ? `@${s.containerName}` : ''}`);
    assert.deepEqual(names, ['events_serving_ds']);
    const nodes = workspaceSymbols(ctxOf(index), 'rows').map((s) => `${s.name}@${s.containerName}`).sort();
    assert.deepEqual(nodes, ['new_rows@events_merger_copy', 'old_rows@events_merger_copy']);
    assert.equal(workspaceSymbols(ctxOf(corpusIndex()), '').length, 500);
  });
});
