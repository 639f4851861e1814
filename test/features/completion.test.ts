import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver';
import { completion, MAX_COMPLETION_ITEMS, resolveCompletion } from '../../server/features/completion';
import { signatureHelp } from '../../server/features/signatureHelp';
import { pathToUri } from '../../server/lsp/convert';
import { bestCpuMs, scalesLinearly } from '../support/cpuTime';
import { corpusIndex, fileOf, FIXTURES, indexOf } from './support';

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
  const { items } = completion(ctx, file, offset);
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
    assert.ok(labels('t13.pipe', 'NODE a\nSQL >\n    SELECT upd| FROM events\n').includes('updatedAt'));
    assert.ok(labels('t13.pipe', 'NODE a\nSQL >\n    SELECT toStartOfH| FROM events\n').includes('toStartOfHour'));
    const bare = labels('t13.pipe', 'NODE a\nSQL >\n    SELECT | FROM events\n');
    assert.ok(bare.includes('updatedAt') && bare.includes('id'), 'the columns come before the functions');
  });

  it('offers the output columns of the nodes, CTEs and subqueries read, not the columns they leave out', () => {
    const fields = (name: string, text: string) => {
      const { file, offset } = typed(name, text);
      const items = completion(ctx, file, offset).items.filter((i) => i.kind === 5).map((i) => i.label);
      index.remove(file.path);
      return items.sort();
    };
    assert.deepEqual(fields('o1.pipe', 'NODE first\nSQL >\n    SELECT id, toDate(updatedAt) AS day FROM events\n\nNODE second\nSQL >\n    SELECT | FROM first\n'), ['day', 'id']);
    assert.deepEqual(fields('o2.pipe', 'NODE a\nSQL >\n    WITH x AS (SELECT id, 1 AS one FROM events)\n    SELECT | FROM x\n'), ['id', 'one']);
    assert.deepEqual(fields('o3.pipe', 'NODE a\nSQL >\n    SELECT | FROM (SELECT id, 2 AS two FROM events) AS s\n'), ['id', 'two']);
    assert.deepEqual(
      fields('o4.pipe', 'NODE first\nSQL >\n    SELECT *, 1 AS one FROM events\n\nNODE second\nSQL >\n    SELECT | FROM first\n'),
      ['id', 'one', 'segmentId', 'updatedAt', 'value'],
      'a node selecting * passes its tables\' columns on',
    );
  });

  it('offers template functions with snippets inside {{ }} and block keywords after {%', () => {
    const { file, offset } = typed('t14.pipe', 'NODE a\nSQL >\n    %\n    SELECT * FROM events WHERE id = {{ Str| }}\n');
    const { items } = completion(ctx, file, offset);
    index.remove(file.path);
    const string = items.find((i) => i.label === 'String')!;
    assert.equal(string.insertTextFormat, 2);
    assert.match(string.insertText!, /^String\(\$\{1:/);
    assert.ok(!items.some((i) => i.label === 'toStartOfHour'));
    assert.ok(labels('t15.pipe', 'NODE a\nSQL >\n    %\n    SELECT 1 {% |\n').includes('if'));
  });

  it('completes after a 200k-character token (backward scan, no $-anchored regex)', () => {
    const long = 'a'.repeat(200_000);
    const ident = labels('t17.pipe', `NODE a\nSQL >\n    SELECT ${long}| FROM events\n`);
    assert.deepEqual(ident, [], 'nothing starts with the typed 200k-character word');
    const literal = labels('t18.pipe', `NODE a\nSQL >\n    SELECT '${long}' AS s, e.| FROM events_serving_ds AS e\n`);
    assert.deepEqual(literal.sort(), ['id', 'segmentId', 'snapshotId', 'value']);
    const from = labels('t19.pipe', `NODE a\nSQL >\n    SELECT '${long}' FROM |\n`);
    assert.ok(from.includes('events_serving_ds'));
  });

  it('offers ClickHouse types in SCHEMA', () => {
    assert.ok(labels('t16.datasource', 'SCHEMA >\n    `id` Str|\n').includes('String'));
    assert.ok(labels('t16b.datasource', 'SCHEMA >\n    id   Nullable(|\n').includes('String'));
    assert.deepEqual(labels('t16c.datasource', 'SCHEMA >\n    `id`|\n'), [], 'no type before the space after the name');
  });

  it('completes after a 200k-character column name or type in SCHEMA', () => {
    const long = 'a'.repeat(200_000);
    assert.deepEqual(labels('t16d.datasource', `SCHEMA >\n    ${long}|\n`), []);
    assert.ok(labels('t16e.datasource', `SCHEMA >\n    \`${long}\` ${long}|\n`).includes('String'), 'types (the client filters them by the typed word)');
    assert.ok(labels('t16f.datasource', `SCHEMA >\n    \`${long}\` Str|\n`).includes('String'));
  });

  // Where the cursor ends a long token: completion time grows linearly with its length (not quadratically).
  const longTokens: Record<string, [ext: string, make: (long: string) => string]> = {
    sqlWord: ['pipe', (long) => `NODE a\nSQL >\n    SELECT ${long}| FROM events\n`],
    sqlLiteralThenAlias: ['pipe', (long) => `NODE a\nSQL >\n    SELECT '${long}' AS s, e.| FROM events_serving_ds AS e\n`],
    sqlLiteralThenFrom: ['pipe', (long) => `NODE a\nSQL >\n    SELECT '${long}' FROM |\n`],
    templateExpression: ['pipe', (long) => `NODE a\nSQL >\n    %\n    SELECT {{ ${long}|\n`],
    schemaColumnName: ['datasource', (long) => `SCHEMA >\n    ${long}|\n`],
    schemaType: ['datasource', (long) => `SCHEMA >\n    \`${long}\` ${long}|\n`],
    engineSettings: ['datasource', (long) => `ENGINE MergeTree\nENGINE_SETTINGS ${long}|\n`],
  };
  for (const [name, [ext, make]] of Object.entries(longTokens)) {
    it(`completion scales linearly with the token at the cursor: ${name} (10k vs 100k characters)`, () => {
      const cpuMs = (length: number) => {
        const { file, offset } = typed(`scaling.${ext}`, make('a'.repeat(length)));
        const ms = bestCpuMs(() => completion(ctx, file, offset));
        index.remove(file.path);
        return ms;
      };
      cpuMs(1_000); // warm-up (JIT)
      const small = cpuMs(10_000);
      const large = cpuMs(100_000);
      assert.ok(scalesLinearly(small, large, 5), `${name}: ${large.toFixed(1)} ms vs ${small.toFixed(1)} ms`);
    });
  }

  const SCHEMA = 'SCHEMA >\n    `id` String,\n    `n` UInt64,\n    `f` Float32,\n    `ts` DateTime64(3),\n    `d` Nullable(DateTime),\n    `s` LowCardinality(String)\n\nENGINE ReplacingMergeTree\n';

  it('offers after ENGINE_VER only the columns that can be a version (engine-version-type)', () => {
    assert.deepEqual(labels('v1.datasource', `${SCHEMA}ENGINE_VER |\n`).sort(), ['f', 'n', 'ts']);
    assert.deepEqual(labels('v2.datasource', `${SCHEMA}ENGINE_SORTING_KEY |\n`).sort(), ['d', 'f', 'id', 'n', 's', 'ts']);
  });

  it('offers MergeTree settings after ENGINE_SETTINGS and after each comma, nothing after =', () => {
    const first = labels('v3.datasource', `${SCHEMA}ENGINE_SETTINGS |\n`);
    assert.equal(first.length, MAX_COMPLETION_ITEMS, 'the first settings of the catalog, the list marked incomplete');
    assert.ok(first.includes('allow_nullable_key') && !first.includes('id'), 'settings, no columns');
    assert.ok(labels('v3.datasource', `${SCHEMA}ENGINE_SETTINGS index_g|\n`).includes('index_granularity'));
    assert.ok(labels('v4.datasource', `${SCHEMA}ENGINE_SETTINGS index_granularity = 8192, ttl_o|\n`).includes('ttl_only_drop_parts'));
    assert.deepEqual(labels('v5.datasource', `${SCHEMA}ENGINE_SETTINGS index_granularity = |\n`), []);
  });

  it('offers whole-file snippets only at the start of a line where a section can begin', () => {
    assert.ok(labels('w1.datasource', 'tb-|\n').includes('tb-replacing'));
    assert.ok(labels('w2.pipe', 'NODE a\nSQL >\n    SELECT 1\n\ntb|\n').includes('tb-mv'));
    assert.ok(!labels('w3.pipe', 'NODE a\nSQL >\n    SELECT 1\n\ntb|\n').includes('tb-replacing'), 'datasource snippets stay in datasources');
    assert.ok(!labels('w4.datasource', `${SCHEMA}ENGINE_VER tb|\n`).includes('tb-replacing'), 'not mid-line');
    assert.ok(!labels('w5.pipe', 'NODE a\nSQL >\n    SELECT tb|\n').some((l) => l.startsWith('tb-')), 'not in SQL');
  });

  it('offers a snippet only where its first section can begin', () => {
    const snippets = (name: string, text: string) => labels(name, text).filter((l) => l.startsWith('tb-')).sort();
    assert.deepEqual(snippets('w6.datasource', 'SCHEMA >\n    `id` String\n\ntb|\n'), [], 'a datasource has one SCHEMA');
    assert.deepEqual(snippets('w7.datasource', 'tb|\n\nSCHEMA >\n    `id` String\n'), [], 'nor before it');
    const NODE_SNIPPETS = ['tb-copy', 'tb-mv', 'tb-snapshot-latest', 'tb-snapshot-mv'];
    assert.deepEqual(snippets('w8.pipe', 'NODE a\ntb|\nSQL >\n    SELECT 1\n'), [], 'not between NODE and its SQL');
    assert.deepEqual(snippets('w9.pipe', 'NODE a\nSQL >\n    SELECT 1\nTYPE endpoint\n\ntb|\n'), NODE_SNIPPETS, 'after a node: the NODE snippets, not the whole pipes (DESCRIPTION first)');
    assert.deepEqual(snippets('w10.pipe', 'tb|\n'), [...NODE_SNIPPETS, 'tb-endpoint', 'tb-snapshot-merger'].sort(), 'all of them in an empty pipe');
  });

  it('offers query settings after SETTINGS in SQL, not columns', () => {
    const after = labels('q1.pipe', 'NODE a\nSQL >\n    SELECT id FROM events SETTINGS max_thr|\n');
    assert.ok(after.includes('max_threads') && !after.includes('updatedAt'));
    assert.ok(labels('q2.pipe', 'NODE a\nSQL >\n    SELECT id FROM events SETTINGS max_threads = 2, join_algo|\n').includes('join_algorithm'));
    assert.ok(labels('q3.pipe', 'NODE a\nSQL >\n    SELECT id FROM events SETTINGS max_threads = |\n').includes('updatedAt'), 'a value is an expression');
  });

  it('offers the pipe\'s template parameters inside {{ }}', () => {
    const text = 'NODE a\nSQL >\n    %\n    SELECT * FROM events WHERE id = {{ String(segment, \'x\') }}\n\nNODE b\nSQL >\n    %\n    SELECT * FROM a WHERE {{ |\n';
    const items = labels('p1.pipe', text);
    assert.equal(items[0], 'segment');
    assert.ok(items.includes('String'));
  });

  it('opens the list on a space only where a name comes next', () => {
    const bySpace = (name: string, text: string) => {
      const { file, offset } = typed(name, text);
      const { items } = completion(ctx, file, offset, ' ');
      index.remove(file.path);
      return items.map((i) => i.label);
    };
    assert.ok(bySpace('x1.pipe', 'NODE a\nSQL >\n    SELECT * FROM |\n').includes('events'));
    assert.deepEqual(bySpace('x2.pipe', 'NODE a\nSQL >\n    SELECT id, |\n'), []);
    assert.deepEqual(bySpace('x3.pipe', 'NODE a\nSQL >\n    SELECT 1\n\n |\n'), []);
    assert.ok(bySpace('x4.pipe', 'NODE a\nSQL >\n    SELECT 1\nTYPE |\n').includes('copy'));
  });
});

describe('completion size on the corpus', () => {
  const corpus = corpusIndex();
  const pipe = fileOf(corpus, 'activities_relations_filtered');
  const corpusCtx = { index: corpus, uriOf: pathToUri };

  it('answers under 50 KB at every position of the largest pipe', () => {
    const text = pipe.parsed.text;
    let largest = 0;
    for (let offset = 0; offset <= text.length; offset += 7) {
      const list = completion(corpusCtx, pipe, offset);
      assert.ok(list.items.length <= MAX_COMPLETION_ITEMS);
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(list)));
    }
    assert.ok(largest < 50 * 1024, `largest response ${largest} bytes`);
  });

  it('sends the documentation of a catalog item on completionItem/resolve only', () => {
    const { file, offset } = typed('r1.pipe', 'NODE a\nSQL >\n    SELECT argM| FROM events\n');
    const fn = completion(ctx, file, offset).items.find((i) => i.label === 'argMax')!;
    index.remove(file.path);
    assert.equal(fn.documentation, undefined, 'no documentation in the list');
    const resolved = resolveCompletion(fn);
    assert.match(resolved.detail!, new RegExp(`^${fn.label}\\(`));
    assert.ok(resolved.documentation, 'documentation on resolve');
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

describe('functions ranked by use in the project', () => {
  const ranking = indexOf(`${FIXTURES}/function-ranking`);
  const rankingCtx = { index: ranking, uriOf: pathToUri };
  const pipe = `${FIXTURES}/function-ranking/pipes/visits_new.pipe`;
  const offered = (text: string) => {
    ranking.update(pipe, text.replace('|', ''));
    const items = completion(rankingCtx, ranking.get(pipe)!, text.indexOf('|')).items;
    ranking.remove(pipe);
    return items;
  };
  /** Labels in the order the editor shows them: by sortText. */
  const shown = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);

  it('offers the columns in scope, then the functions the project calls most (any case), then the others', () => {
    // visits_daily.pipe and visits_pages.pipe call toDate 3 times, count/COUNT 2, uniq 2, max, sum, toStartOfWeek once each.
    const items = offered('NODE n\nSQL >\n    SELECT | FROM visits\n');
    const labels = shown(items);
    assert.deepEqual(labels.slice(0, 9), ['at', 'page', 'visitor', 'toDate', 'count', 'uniq', 'max', 'sum', 'toStartOfWeek']);
    const unused = items.find((i) => i.label === labels[9])!;
    assert.equal(unused.labelDetails, undefined, 'then the functions the project does not call');
    assert.equal(items.find((i) => i.label === 'toDate')!.labelDetails?.description, '3 in project');
  });

  it('keeps the used functions in a list cut to MAX_COMPLETION_ITEMS', () => {
    const { items, isIncomplete } = completion(rankingCtx, ranking.get(`${FIXTURES}/function-ranking/pipes/visits_pages.pipe`)!, 'NODE pages\nSQL >\n    SELECT '.length);
    assert.ok(isIncomplete);
    assert.ok(['toDate', 'count', 'uniq'].every((f) => items.some((i) => i.label === f)));
  });

  it('re-ranks after an edit: the counts follow the index version', () => {
    const before = ranking.version;
    ranking.update(`${FIXTURES}/function-ranking/pipes/visits_extra.pipe`, 'NODE e\nSQL >\n    SELECT max(at), max(page), max(visitor), max(at) FROM visits\n');
    assert.ok(ranking.version > before);
    const labels = shown(offered('NODE n\nSQL >\n    SELECT | FROM visits\n'));
    ranking.remove(`${FIXTURES}/function-ranking/pipes/visits_extra.pipe`);
    assert.deepEqual(labels.slice(3, 5), ['max', 'toDate'], 'max is called 5 times now');
    assert.deepEqual(shown(offered('NODE n\nSQL >\n    SELECT | FROM visits\n')).slice(3, 4), ['toDate']);
  });
});
