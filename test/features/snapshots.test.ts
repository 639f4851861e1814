import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshotRole } from '../../server/workspace/snapshots';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { corpusIndex, FIXTURES, indexOf } from './support';

const isMultiSnapshot = (index: WorkspaceIndex, name: string, snapshotColumns?: string[]) =>
  snapshotRole(index, name, snapshotColumns && { snapshotColumns, multiSnapshotDatasources: new Set() }).multi;

describe('snapshotRole', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);

  it('holds for datasources with snapshotId written by a scheduled append copy or an MV', () => {
    assert.equal(isMultiSnapshot(index, 'events_serving_ds'), true);
    assert.equal(isMultiSnapshot(index, 'events_mv_ds'), true);
  });

  it('does not hold for replace or on-demand copies, raw datasources or other snapshot columns', () => {
    assert.equal(isMultiSnapshot(index, 'events_latest_ds'), false);
    assert.equal(isMultiSnapshot(index, 'events'), false);
    assert.equal(isMultiSnapshot(index, 'events_serving_ds', ['snapshotTs']), false);
    assert.equal(isMultiSnapshot(index, 'missing'), false);
  });

  it('matches the corpus lambda architecture', () => {
    const corpus = corpusIndex();
    assert.equal(isMultiSnapshot(corpus, 'leaderboards_copy_ds'), true);
    assert.equal(isMultiSnapshot(corpus, 'collection_insights_aggregate_consolidated_ds'), true);
    assert.equal(isMultiSnapshot(corpus, 'pull_request_analyzed_MV_ds'), true);
    assert.equal(isMultiSnapshot(corpus, 'activityRelations_deduplicated_cleaned_bucket_0_ds'), false, 'replace-mode copy');
    assert.equal(isMultiSnapshot(corpus, 'activityRelations'), false);
  });

  it('a datasource the options list is multi-snapshot whatever writes it', () => {
    const listed = { snapshotColumns: ['snapshotId'], multiSnapshotDatasources: new Set(['events']) };
    assert.deepEqual(snapshotRole(index, 'events', listed), { column: 'snapshotId', multi: true }, 'no snapshot column: the first option column');
    assert.deepEqual(snapshotRole(index, 'events'), { multi: false });
    assert.deepEqual(snapshotRole(index, 'events_latest_ds', { ...listed, multiSnapshotDatasources: new Set(['events_latest_ds']) }), { column: 'snapshotId', multi: true });
  });
});
