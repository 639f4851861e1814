import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/features/hover';
import { pathToUri } from '../../server/lsp/convert';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { corpusIndex, fileOf, FIXTURES, indexOf, offsetOf } from './support';

const NOW = new Date('2025-03-14T12:34:56Z');
const context = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri, now: () => NOW });

function hoverText(index: WorkspaceIndex, fileName: string, needle: string, delta = 1, nth = 0): string {
  const file = fileOf(index, fileName);
  const result = hover(context(index), file, offsetOf(file, needle, delta, nth));
  return result ? (result.contents as MarkupContent).value : '';
}

describe('hover on fixtures', () => {
  const index = indexOf(`${FIXTURES}/snapshot-lambda`);

  it('describes a multi-snapshot copy target with writers, schedule, readers and lineage', () => {
    const text = hoverText(index, 'events_api', 'FROM events_serving_ds', 6);
    const first = text.split('\n')[0];
    assert.match(first, /^\*\*datasource\*\* \[`events_serving_ds`\]\(file:\/\/.*events_serving_ds\.datasource\) — /);
    assert.match(first, /copy target · \*\*multi-snapshot\*\* \(filter on the latest `snapshotId`\) · `MergeTree` · 1 writer · 2 readers · 1 endpoint downstream$/);
    assert.match(text, /\n\nsorting key `segmentId, id` · partition key `snapshotId` · TTL `snapshotId \+ toIntervalHour\(6\)` · 4 columns/);
    assert.ok(text.indexOf('**Read by**') < text.indexOf('**Written by**'), 'readers before writers');
    assert.match(text, /\*\*Written by\*\* \(1\)\n\n\*copies\* \(1\)\n- \[`events_merger_copy`\]\([^)]*\) › \[`merged`\]\([^)]*#L\d+\) — copy, append, every hour at minute 10 \(UTC\), next run 2025-03-14 13:10 UTC/);
    assert.match(text, /\[`events_api`\]\([^)]*\) \*\*\(endpoint\)\*\* › `endpoint`, `by_segment`/);
    assert.match(text, /\*\*Upstream\*\*\n1\. \[`events_merger_copy`\]/);
    assert.match(text, /2\. \[`events_mv_ds`\]/);
    assert.match(text, /\*\*Downstream\*\*\n1\. \[`events_api`\]/);
  });

  it('describes a raw datasource with its version column, from anywhere in its own file', () => {
    const text = hoverText(index, 'events', '`events` lands', 2);
    assert.match(text, /raw \(ingested\)/);
    assert.match(text, /`ReplacingMergeTree` · 0 writers · /);
    assert.match(text, /sorting key `segmentId, id` · version column `updatedAt`/);
  });

  it('describes an on-demand replace copy and a materialized view writer', () => {
    assert.match(hoverText(index, 'events_latest_copy', 'TARGET_DATASOURCE events_latest_ds', 20), /copy, replace, on demand/);
    assert.match(hoverText(index, 'events_latest_copy', 'events_latest_ds', 3), /single snapshot \(`snapshotId`\)/);
    assert.match(hoverText(index, 'events_mv', 'DATASOURCE events_mv_ds', 13), /materialized view target · \*\*multi-snapshot\*\*/);
  });

  it('describes a pipe: type, reads, writes, parameters and readers', () => {
    const text = hoverText(index, 'events_api', 'served by `events_api`', 12);
    assert.match(text, /\*\*pipe\*\* \[`events_api`\]\([^)]*\) — endpoint/);
    assert.match(text, /\*\*Reads\*\* \[`events_serving_ds`\]/);
    assert.match(text, /\| `limit` \| Int32 \| 10 \| How many segments \|/);
    assert.match(text, /\| `segment` \| String \| all \| Segment to filter \|/);
    assert.match(text, /\*\*Read by\*\* nothing in this workspace/);
  });

  it('describes a node: type, reads, parameters and readers (nodes and included nodes)', () => {
    const text = hoverText(index, 'events_api', 'JOIN top_segments', 6);
    assert.match(text, /\*\*node\*\* \[`top_segments`\]\([^)]*#L\d+\) of \[`events_api`\]/);
    assert.match(text, /\*\*Reads\*\* `by_segment`/);
    assert.match(text, /\| `limit` \| Int32 \| 10/);
    assert.match(text, /\*\*Read by\*\* `endpoint`/);
    const included = hoverText(index, 'events_api', 'FROM by_segment', 6);
    assert.match(included, /\*\*node\*\* \[`by_segment`\]\([^)]*by_segment\.incl#L1\)/);
    const copyNode = hoverText(index, 'events_merger_copy', 'NODE merged', 6);
    assert.match(copyNode, /— copy/);
    assert.match(copyNode, /\*\*Writes\*\* \[`events_serving_ds`\]\([^)]*\) \(copy, append, every hour at minute 10/);
  });

  it('describes columns in SCHEMA, keys and SQL (by alias too)', () => {
    const schema = hoverText(index, 'events', '`value` Float64', 2);
    assert.match(schema, /\*\*column\*\* `value` `Float64` of \[`events`\]\([^)]*#L7\)/);
    assert.match(schema, /JSON path `\$\.value`/);
    assert.match(schema, /`DEFAULT 0`/);
    assert.match(hoverText(index, 'events', 'ENGINE_VER updatedAt', 12), /\*\*column\*\* `updatedAt` `DateTime64\(3\)` of/);
    assert.match(hoverText(index, 'events_api', 'e.value', 3), /\*\*column\*\* `value` `Float64` of \[`events_serving_ds`\]/);
    assert.match(hoverText(index, 'events_api', 'b.segmentId', 3), /of \[`events_serving_ds`\]/, 'through the included node');
  });

  it('describes keywords, template functions and ClickHouse functions', () => {
    assert.match(hoverText(index, 'events_merger_copy', 'COPY_SCHEDULE'), /COPY_SCHEDULE <cron>\|@on-demand/);
    assert.match(hoverText(index, 'events_api', 'Int32(limit'), /^```\nInt32\(param, default=None/);
    assert.match(hoverText(index, 'events_merger_copy', 'toStartOfHour'), /^```\ntoStartOfHour\(/);
    assert.match(hoverText(index, 'by_segment.incl', 'sum(value)'), /^```\nsum\(/);
    assert.equal(hoverText(index, 'events_api', 'ORDER BY'), '');
  });
});

describe('hover on the corpus', () => {
  const index = corpusIndex();

  it('leads with a one-line summary, then readers, then the 14 copy writers capped with a lineage link', () => {
    const text = hoverText(index, 'leaderboards_stars', 'TARGET_DATASOURCE leaderboards_copy_ds', 20);
    const [first] = text.split('\n');
    assert.match(first, /^\*\*datasource\*\* \[`leaderboards_copy_ds`\]\([^)]*\) — copy target · \*\*multi-snapshot\*\*.* · `\w*MergeTree` · 14 writers · \d+ readers? · \d+ endpoints? downstream$/);
    assert.ok(text.indexOf('**Read by**') < text.indexOf('**Written by**'));
    assert.match(text, /\*\*Written by\*\* \(14\)\n\n\*copies\* \(14\)\n/);
    const writers = text.split('\n').filter((l) => / — copy, append, every day at \d\d:\d\d \(UTC\), next run 2025-03-15 \d\d:\d\d UTC$/.test(l));
    assert.equal(writers.length, 8, 'a group shows 8 lines');
    assert.match(text, /- \[\+6 more\]\(command:tinybird\.showLineage\?[^)]*leaderboards_copy_ds\.datasource[^)]*\)/);
    assert.match(text, /\[`leaderboards`\]\([^)]*\) \*\*\(endpoint\)\*\*/);
  });

  it('counts the endpoints anywhere downstream, and lists endpoint readers first', () => {
    const text = hoverText(index, 'activityRelations_bucket_MV_0', 'FROM activityRelations', 6);
    const endpoints = Number(/ · (\d+) endpoints? downstream$/m.exec(text.split('\n')[0])![1]);
    assert.ok(endpoints > 0);
    const readers = text.slice(text.indexOf('**Read by**')).split('\n').filter((l) => l.startsWith('- ['));
    const firstPlain = readers.findIndex((l) => !l.includes('**(endpoint)**'));
    assert.ok(readers.slice(firstPlain).every((l) => !l.includes('**(endpoint)**')), 'endpoints first');
  });

  it('cuts long reader lists and chains with counts', () => {
    const text = hoverText(index, 'activityRelations', 'ENGINE_VER', 0);
    assert.match(text, /^```\nENGINE_VER/);
    const ds = hoverText(index, 'activityRelations_bucket_MV_0', 'FROM activityRelations', 6);
    assert.match(ds, /\*\*Read by\*\* \(45\)/);
    assert.match(ds, /- \[\+37 more\]\(command:tinybird\.showLineage/);
    assert.match(ds, /\+\d+ more\n/);
    assert.match(ds, /… \d+ more beyond depth 3/);
  });
});

describe('hover on tables Tinybird creates without a datafile', () => {
  const lineage = `${FIXTURES}/../diagnostics/unresolved-reference`;

  it('describes a quarantine table: its datasource, the error columns, then the datasource columns', () => {
    const text = hoverText(indexOf(`${lineage}/ok-quarantine`), 'errors', 'events_quarantine', 2);
    assert.match(text, /\*\*quarantine table\*\* `events_quarantine` — the rows \[`events`\]\([^)]*events\.datasource\) rejected/);
    assert.match(text, /Columns: `c__error_column` Array\(String\), `c__error` Array\(String\), `c__import_id` Nullable\(String\), `insertion_date` DateTime, `id` Nullable\(String\), `value` Nullable\(String\)/);
    assert.match(text, /\*\*Read by\*\* \(1\)\n- \[`errors`\]/);
  });

  it('describes the datasource a materialized node creates with its own ENGINE, with the columns it selects', () => {
    const text = hoverText(indexOf(`${lineage}/ok-inline-materialized-target`), 'hits', 'hits_by_id', 2);
    assert.match(text, /\*\*datasource\*\* `hits_by_id` — created by the materialized node of \[`events_mv`\]/);
    assert.match(text, /Columns: `id`, `hits`/);
  });

  it('still says a name nothing defines is not defined', () => {
    assert.match(hoverText(indexOf(`${lineage}/flags-quarantine-of-unknown-datasource`), 'errors', 'clicks_quarantine', 2), /`clicks_quarantine` — not defined in this workspace/);
  });
});
