// Pipes run offline on the real engine (test/fixtures/engine/shop): rows computed by hand from
// fixtures/orders.ndjson (ann 50 + 200.5, bob 120, cid 10) and fixtures/discounts.csv (ann 10 %, bob 5 %).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { indexProject } from '../../cli/checkProject';
import type { EngineClient } from '../../server/engine/client';
import { prepareRun, runPipe, type RunSession } from '../../server/engine/run';
import { REPO_ROOT } from '../support/corpus';
import { testEngine } from '../support/engine';
import { runCli } from '../support/cliProcess';

const SHOP = path.join(REPO_ROOT, 'test/fixtures/engine/shop');
const pipe = (name: string) => path.join(SHOP, 'pipes', `${name}.pipe`);

describe('run on the shop project', () => {
  const index = indexProject(SHOP);
  let engine: EngineClient;
  let session: RunSession;
  before(async () => {
    engine = testEngine();
    session = await prepareRun(engine, index, SHOP);
  });
  after(() => engine.close());
  const rows = async (sql: string) => (await engine.request({ op: 'run', sql })).result!.data;
  const run = (name: string, node?: string) => runPipe(session, index.get(pipe(name))!, { node });

  it('loads the fixtures, NDJSON through the json paths', async () => {
    assert.deepEqual(session.fixtures.map((f) => [f.table, f.rows]), [['discounts', 2], ['orders', 4], ['sessions', 2]]);
    assert.deepEqual(await rows('SELECT order_id, customer, tags FROM orders ORDER BY order_id'), [
      { order_id: 1, customer: 'ann', tags: ['a'] },
      { order_id: 2, customer: 'bob', tags: [] },
      { order_id: 3, customer: 'ann', tags: ['b', 'c'] },
      { order_id: 4, customer: 'cid', tags: [] },
    ]);
  });
  it('fires materialized views on the fixture inserts, chains included', async () => {
    assert.deepEqual(session.views.sort(), ['big_order_counts_mv.count_big', 'big_orders_mv.big', 'customer_totals_mv.aggregate']);
    assert.deepEqual(await rows('SELECT customer, sum(n) AS n FROM big_order_counts GROUP BY customer ORDER BY customer'), [{ customer: 'ann', n: 1 }, { customer: 'bob', n: 1 }]);
  });
  it('returns the endpoint node rows, reading other nodes as subqueries', async () => {
    const result = await run('top_customers');
    assert.deepEqual(result.data, [{ customer: 'ann', total: 250.5, orders: 2 }, { customer: 'bob', total: 120, orders: 1 }, { customer: 'cid', total: 10, orders: 1 }]);
    assert.deepEqual(result.meta.map((m) => m.type), ['String', 'Float64', 'UInt64']);
  });
  it('reads another pipe as its endpoint and joins a CSV fixture', async () => {
    assert.deepEqual((await run('discounted')).data, [{ customer: 'ann', net: 225.45 }, { customer: 'bob', net: 114 }]);
  });
  it('runs a chosen node', async () => {
    assert.equal((await run('top_customers', 'totals')).rows, 3);
  });
  it('copies in replace mode: the target holds one copy after two runs', async () => {
    await run('snapshot_customers');
    await run('snapshot_customers');
    assert.deepEqual(await rows('SELECT customer, total FROM customer_snapshot ORDER BY customer'), [{ customer: 'ann', total: 250.5 }, { customer: 'bob', total: 120 }, { customer: 'cid', total: 10 }]);
  });
  it('copies in append mode: two runs append twice', async () => {
    await run('log_orders');
    await run('log_orders');
    assert.deepEqual(await rows('SELECT count() AS n, sum(amount) AS s FROM order_log'), [{ n: 8, s: 761 }]);
  });
});

describe('tb-datafiles run', () => {
  const cli = (...args: string[]) => runCli(['run', ...args]);

  it('prints the last pipe in Tinybird API shape', () => {
    const result = cli(pipe('log_orders'), pipe('discounted'), '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(json), ['meta', 'data', 'rows', 'statistics']);
    assert.deepEqual(json.data, [{ customer: 'ann', net: 225.45 }, { customer: 'bob', net: 114 }]);
    assert.equal(json.rows, 2);
  });
  it('prints CSV, NDJSON and a table', () => {
    assert.equal(cli(pipe('top_customers'), '--format', 'csv').stdout, 'customer,total,orders\nann,250.5,2\nbob,120,1\ncid,10,1\n');
    assert.equal(cli(pipe('top_customers'), '--node', 'totals', '--format=ndjson').stdout.split('\n').filter(Boolean).length, 3);
    assert.equal(cli(pipe('discounted')).stdout, 'customer | net\n---------+-------\nann      | 225.45\nbob      | 114\n2 rows\n');
  });
  it('exits 1 with the ClickHouse error of a failing node, 2 on usage errors', () => {
    const bad = cli(pipe('top_customers'), '--node', 'missing');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /top_customers has no node missing/);
    assert.equal(cli('--format', 'xml', pipe('top_customers')).status, 2);
  });
});
