// The Test Explorer's requests and Append Fixture Locally through the built server, on
// test/fixtures/engine/shop with the real engine (chDB in its child process).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Requests, type AppendFixtureLocallyParams, type AppendFixtureLocallyResult, type RunTestsParams, type RunTestsResult, type TestFileInfo } from '../../server/protocol';
import { REPO_ROOT } from '../support/corpus';
import { SERVER_JS, startServer, type LspHarness } from '../support/lspClient';
import { tempTree } from '../support/tempTree';

const SHOP = path.join(REPO_ROOT, 'test/fixtures/engine/shop');
const uri = (file: string) => pathToFileURL(path.join(SHOP, file)).href;

describe('Test Explorer requests on the embedded engine', () => {
  let server: LspHarness;
  const runTests = (params: RunTestsParams) => server.connection.sendRequest(Requests.runTests, params) as Promise<RunTestsResult>;
  before(async () => {
    server = await startServer(SHOP);
  });
  after(() => server.stop());

  test('listTests finds the tests/ files as `test run` does, each case with the lines of its list item', async () => {
    const files = (await server.connection.sendRequest(Requests.listTests, {})) as TestFileInfo[];
    assert.deepEqual(files.map((f) => path.relative(SHOP, new URL(f.uri).pathname)), ['tests/classic.yaml', 'tests/log_orders.yaml', 'tests/orders_of.yaml', 'tests/snapshot_customers.yaml']);
    const ordersOf = files.find((f) => f.uri.endsWith('orders_of.yaml'))!;
    assert.equal(ordersOf.format, 'forward');
    assert.deepEqual(ordersOf.cases, [
      { name: 'default_customer', description: 'Without parameters the customer defaults to ann', line: 0, endLine: 6, endCharacter: 27 },
      { name: 'bob_over_100', description: 'Parameters as a query string', line: 7, endLine: 12, endCharacter: 27 },
      { name: 'nobody', line: 13, endLine: 15, endCharacter: 21 },
      { name: 'bad_number', description: 'A parameter that is not a number fails the request', line: 16, endLine: 19, endCharacter: 27 },
    ]);
    const classic = files.find((f) => f.uri.endsWith('classic.yaml'))!;
    assert.equal(classic.format, 'classic');
    assert.deepEqual(classic.cases.map((c) => [c.name, c.line]), [['mv_chain_counts_big_orders', 0], ['endpoint_ranks_by_total', 7], ['params_reach_the_pipe', 11], ['pipe_read_by_name', 17], ['fixture_rows_all_loaded', 19]]);
  });

  test('runTests runs a whole file, and only the chosen cases of another', async () => {
    const all = await runTests({ uri: uri('tests/orders_of.yaml') });
    assert.ok(all.ok);
    assert.deepEqual(all.results.map((r) => [r.name, r.passed]), [['default_customer', true], ['bob_over_100', true], ['nobody', true], ['bad_number', true]]);
    const one = await runTests({ uri: uri('tests/classic.yaml'), cases: ['pipe_read_by_name'] });
    assert.ok(one.ok);
    assert.deepEqual(one.results.map((r) => [r.name, r.passed]), [['pipe_read_by_name', true]]);
  });

  test('a failing Forward-style case carries the expected and the actual rows; a classic one the rows it returned', async () => {
    const forward = await runTests({ uri: uri('failing-tests/orders_of.yaml'), cases: ['wrong_rows'] });
    assert.ok(forward.ok);
    assert.deepEqual(forward.results.map(({ ms: _ms, ...r }) => r), [{
      name: 'wrong_rows',
      passed: false,
      message: 'the rows differ from expected_result',
      expected: '{"order_id":1,"amount":50}\n{"order_id":3,"amount":999}\n',
      actual: '{"order_id":1,"amount":50}\n{"order_id":3,"amount":200.5}\n',
    }]);
    const classic = await runTests({ uri: uri('failing-tests/classic.yaml'), cases: ['returns_rows'] });
    assert.ok(classic.ok);
    assert.equal(classic.results[0].passed, false);
    assert.equal(classic.results[0].message, 'returned 2 rows (a classic test passes when its SQL returns none)');
    assert.equal(classic.results[0].actual, '{"customer":"ann"}\n{"customer":"bob"}\n');
  });

  test('a file that is not on disk is an answer, not a crash', async () => {
    assert.deepEqual(await runTests({ uri: uri('tests/gone.yaml') }), { ok: false, engineMissing: false, message: `${uri('tests/gone.yaml')} is not a test file on disk` });
  });

  test('Append Fixture Locally appends on top of the fixtures and counts what the materialized views wrote', async () => {
    const append = (params: AppendFixtureLocallyParams) => server.connection.sendRequest(Requests.appendFixtureLocally, params) as Promise<AppendFixtureLocallyResult>;
    // By hand: dan 300 and eve 150 are big orders (big_orders +2, one count row each in big_order_counts);
    // customer_totals gets one aggregate row per customer of the block (dan, ann, eve).
    const result = await append({ datasource: 'orders', file: uri('extra-fixtures/orders_more.ndjson') });
    assert.deepEqual(result.written, [{ table: 'big_order_counts', rows: 2 }, { table: 'big_orders', rows: 2 }, { table: 'customer_totals', rows: 3 }]);
    assert.equal(result.rows, 3);
    assert.ok(result.fixtureRows >= 4, `the project's fixtures were loaded first (${result.fixtureRows} rows)`);
    await assert.rejects(append({ datasource: 'orders', file: uri('extra-fixtures/orders_bad.csv') }), /orders_bad\.csv into orders: CANNOT_PARSE/);
    await assert.rejects(append({ datasource: 'nope', file: uri('extra-fixtures/orders_more.ndjson') }), /No datasource nope in the workspace/);
  });
});

describe('Test Explorer requests without chDB', () => {
  test('runTests answers how to install the engine', async () => {
    // A copy of the bundles outside the repository cannot resolve chDB.
    const dir = tempTree('tb-no-chdb-');
    for (const f of ['server.js', 'server-core.js', 'engine.js']) fs.copyFileSync(path.join(path.dirname(SERVER_JS), f), path.join(dir, f));
    const server = await startServer(SHOP, {}, undefined, path.join(dir, 'server.js'));
    try {
      const result = await server.connection.sendRequest(Requests.runTests, { uri: uri('tests/orders_of.yaml') });
      assert.deepEqual(result, { ok: false, engineMissing: true, message: 'chDB is not installed: run "Tinybird: Install Local Engine" or set tinybird.engine.path.' });
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
