import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completion } from '../../server/features/completion';
import { signatureHelp } from '../../server/features/signatureHelp';
import { pathToUri } from '../../server/lsp/convert';
import { FIXTURES, indexOf } from './support';

const index = indexOf(`${FIXTURES}/snapshot-lambda`);
const ctx = { index, uriOf: pathToUri };
const DIR = `${FIXTURES}/snapshot-lambda/pipes`;

/** Indexes `text` (with `|` marking the cursor) as a new file and returns the file and offset. */
function typed(name: string, text: string) {
  const offset = text.indexOf('|');
  const file = `${DIR}/${name}`;
  index.update(file, text.replace('|', ''));
  return { file: index.get(file)!, offset };
}

const labels = (name: string, text: string) => {
  const { file, offset } = typed(name, text);
  const items = completion(ctx, file, offset);
  index.remove(file.path);
  return items.map((i) => i.label);
};

describe('completion', () => {
  it('offers the keywords of the file kind, ENGINE_* only for the chosen engine', () => {
    const replacing = labels('t1.datasource', 'SCHEMA >\n    `id` String\n\nENGINE ReplacingMergeTree\nENG|\n');
    assert.ok(replacing.includes('ENGINE_VER') && replacing.includes('ENGINE_IS_DELETED') && replacing.includes('ENGINE_SORTING_KEY'));
    assert.ok(!replacing.includes('ENGINE_SIGN'));
    const plain = labels('t2.datasource', 'SCHEMA >\n    `id` String\n\n|\n');
    assert.ok(plain.includes('ENGINE_SORTING_KEY') && !plain.includes('ENGINE_VER'));
    assert.ok(!plain.includes('NODE'));
    const pipe = labels('t3.pipe', 'NODE a\nSQL >\n    SELECT 1\n\n|\n');
    assert.ok(pipe.includes('TYPE') && pipe.includes('COPY_SCHEDULE') && pipe.includes('NODE'));
  });

  it('offers keyword values: engines, TYPE, COPY_MODE, COPY_SCHEDULE, datasources, includes, key columns', () => {
    assert.ok(labels('t4.datasource', 'ENGINE Rep|\n').includes('ReplacingMergeTree'));
    assert.deepEqual(labels('t5.pipe', 'NODE a\nSQL >\n    SELECT 1\nTYPE |\n').sort(), ['copy', 'endpoint', 'materialized', 'sink', 'stream']);
    assert.deepEqual(labels('t6.pipe', 'NODE a\nSQL >\n    SELECT 1\nCOPY_MODE |\n'), ['append', 'replace']);
    assert.ok(labels('t7.pipe', 'NODE a\nSQL >\n    SELECT 1\nCOPY_SCHEDULE |\n').includes('@on-demand'));
    assert.deepEqual(labels('t8.pipe', 'NODE a\nSQL >\n    SELECT 1\nTYPE COPY\nTARGET_DATASOURCE |\n').sort(), ['events', 'events_latest_ds', 'events_mv_ds', 'events_serving_ds']);
    assert.deepEqual(labels('t9.pipe', 'INCLUDE |\n'), ['"../includes/by_segment.incl"']);
    assert.deepEqual(labels('events.datasource', 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n\nENGINE_SORTING_KEY |\n').sort(), ['id', 'ts']);
  });

  it('offers datasources, pipes, nodes and CTEs after FROM/JOIN', () => {
    const items = labels('t10.pipe', 'NODE first\nSQL >\n    SELECT 1\n\nNODE second\nSQL >\n    WITH x AS (SELECT 1)\n    SELECT * FROM |\n');
    assert.ok(items.includes('events_serving_ds') && items.includes('events_api') && items.includes('first') && items.includes('x'));
    assert.ok(!items.includes('second'));
    assert.ok(labels('t11.pipe', 'NODE a\nSQL >\n    SELECT * FROM events e JOIN ev|\n').includes('events_mv_ds'));
  });

  it('offers columns of the tables read, also after alias.', () => {
    const sql = 'NODE a\nSQL >\n    SELECT e.| FROM events_serving_ds AS e JOIN events AS r ON r.id = e.id\n';
    assert.deepEqual(labels('t12.pipe', sql).sort(), ['id', 'segmentId', 'snapshotId', 'value']);
    const bare = labels('t13.pipe', 'NODE a\nSQL >\n    SELECT upd| FROM events\n');
    assert.ok(bare.includes('updatedAt') && bare.includes('toStartOfHour') && bare.includes('count'));
  });

  it('offers template functions with snippets inside {{ }} and block keywords after {%', () => {
    const { file, offset } = typed('t14.pipe', 'NODE a\nSQL >\n    %\n    SELECT * FROM events WHERE id = {{ Str| }}\n');
    const items = completion(ctx, file, offset);
    index.remove(file.path);
    const string = items.find((i) => i.label === 'String')!;
    assert.equal(string.insertTextFormat, 2);
    assert.match(string.insertText!, /^String\(\$\{1:/);
    assert.ok(!items.some((i) => i.label === 'toStartOfHour'));
    assert.ok(labels('t15.pipe', 'NODE a\nSQL >\n    %\n    SELECT 1 {% |\n').includes('if'));
  });

  it('completes in linear time after a 200k-character token (backward scan, no $-anchored regex)', { timeout: 10_000 }, () => {
    const long = 'a'.repeat(200_000);
    const ident = labels('t17.pipe', `NODE a\nSQL >\n    SELECT ${long}| FROM events\n`);
    assert.ok(ident.includes('updatedAt') && ident.includes('toStartOfHour'));
    const literal = labels('t18.pipe', `NODE a\nSQL >\n    SELECT '${long}' AS s, e.| FROM events_serving_ds AS e\n`);
    assert.deepEqual(literal.sort(), ['id', 'segmentId', 'snapshotId', 'value']);
    const from = labels('t19.pipe', `NODE a\nSQL >\n    SELECT '${long}' FROM |\n`);
    assert.ok(from.includes('events_serving_ds'));
  });

  it('offers ClickHouse types in SCHEMA', () => {
    assert.ok(labels('t16.datasource', 'SCHEMA >\n    `id` Str|\n').includes('String'));
  });
});

describe('signature help', () => {
  const help = (text: string) => {
    const { file, offset } = typed('s.pipe', text);
    const result = signatureHelp(file, offset);
    index.remove(file.path);
    return result && { label: result.signatures[result.activeSignature!].label, param: result.activeParameter };
  };

  it('shows ClickHouse signatures with the active argument', () => {
    const h = help('NODE a\nSQL >\n    SELECT formatDateTime(now(), |\n');
    assert.match(h!.label, /^formatDateTime\(/);
    assert.equal(h!.param, 1);
    assert.match(help('NODE a\nSQL >\n    SELECT sumIf(x, |\n')!.label, /^sum/);
    assert.equal(help('NODE a\nSQL >\n    SELECT formatDateTime(\'a,b\', |\n')!.param, 1, 'commas in strings do not count');
    assert.equal(help('NODE a\nSQL >\n    SELECT 1 |\n'), null);
  });

  it('shows template signatures inside tags, keyword arguments by name', () => {
    const h = help('NODE a\nSQL >\n    %\n    SELECT {{ String(name, |\n');
    assert.match(h!.label, /^String\(param, default=None/);
    assert.equal(h!.param, 1);
    const kw = help('NODE a\nSQL >\n    %\n    SELECT {{ String(name, \'x\', description=|\n');
    assert.equal(kw!.param, 4);
  });
});
