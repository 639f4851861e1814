// Pipe tests (`tb-datafiles test run|update`) on the real engine, with the shop project's test
// files: tests/ (every case passes) and failing-tests/ (cases that fail, each for its own reason).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { indexProject } from '../../cli/checkProject';
import { runTestFile } from '../../server/engine/pipeTests';
import { prepareRun } from '../../server/engine/run';
import { projectTables } from '../../server/engine/tables';
import { parseParameters, parseTestFile } from '../../server/engine/testFiles';
import { REPO_ROOT } from '../support/corpus';
import { testEngine } from '../support/engine';
import { runCli } from '../support/cliProcess';

const SHOP = path.join(REPO_ROOT, 'test/fixtures/engine/shop');
const FAILING = path.join(SHOP, 'failing-tests');
const cli = (...args: string[]) => runCli(['test', ...args], { cwd: REPO_ROOT });

describe('test files', () => {
  it('reads classic tb test cases', () => {
    const file = parseTestFile('/p/tests/a.yaml', '- one:\n    max_time: 0.5\n    max_bytes_read: null\n    pipe:\n      name: p\n      params:\n        n: 3\n    sql: SELECT 1\n- two:\n    pipe: null\n    sql: SELECT 2\n');
    assert.equal(file.error, undefined);
    assert.equal(file.format, 'classic');
    assert.deepEqual(file.cases, [
      { kind: 'classic', name: 'one', sql: 'SELECT 1', pipe: { name: 'p', params: { n: '3' } }, maxTime: 0.5 },
      { kind: 'classic', name: 'two', sql: 'SELECT 2' },
    ]);
  });
  it('reads Forward-style cases, the pipe named by the file', () => {
    const file = parseTestFile('/p/tests/kpis.yml', "- name: day\n  description: d\n  parameters: date_from=2024-01-01&x=a%20b\n  expected_result: |\n    {\"a\":1}\n  expected_http_status: 200\n- name: bad\n  parameters: ''\n  expected_http_status: 400\n");
    assert.equal(file.format, 'forward');
    assert.deepEqual(file.cases[0], { kind: 'forward', name: 'day', description: 'd', pipe: 'kpis', parameters: { date_from: '2024-01-01', x: 'a b' }, parameterText: 'date_from=2024-01-01&x=a%20b', expectedResult: '{"a":1}\n', expectedHttpStatus: 200 });
    assert.equal(file.cases[1].kind === 'forward' && file.cases[1].expectedHttpStatus, 400);
  });
  it('reports bad files instead of throwing', () => {
    assert.match(parseTestFile('/p/tests/x.yaml', '- a: [').error ?? '', /unexpected end|flow collection/);
    assert.equal(parseTestFile('/p/tests/x.yaml', 'a: 1').error, 'a test file is a YAML list of cases');
    assert.equal(parseTestFile('/p/tests/x.yaml', '- a:\n    pipe: null\n').error, 'case a: no sql');
    assert.equal(parseTestFile('/p/tests/x.yaml', '- name: n\n  parameters: a\n  expected_http_status: oops\n').error, 'case n: expected_http_status must be a number, not oops');
    assert.deepEqual(parseTestFile('/p/tests/x.yaml', '').cases, []);
  });
  it('parses parameters as a query string', () => {
    assert.deepEqual(parseParameters('?a=1&b=x+y&c='), { a: '1', b: 'x y', c: '' });
  });
});

describe('tb-datafiles test run', () => {
  it('passes every case of the example tests, both formats, MV chain and copies in both modes', () => {
    const result = cli('run', path.relative(REPO_ROOT, SHOP));
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const passed = result.stdout.split('\n').filter((l) => l.startsWith('PASS ')).map((l) => l.split(' ').slice(1, 3).join(' '));
    assert.deepEqual(passed.sort(), [
      'test/fixtures/engine/shop/tests/classic.yaml endpoint_ranks_by_total',
      'test/fixtures/engine/shop/tests/classic.yaml fixture_rows_all_loaded',
      'test/fixtures/engine/shop/tests/classic.yaml mv_chain_counts_big_orders',
      'test/fixtures/engine/shop/tests/classic.yaml params_reach_the_pipe',
      'test/fixtures/engine/shop/tests/classic.yaml pipe_read_by_name',
      'test/fixtures/engine/shop/tests/log_orders.yaml first_append',
      'test/fixtures/engine/shop/tests/log_orders.yaml second_append_doubles',
      'test/fixtures/engine/shop/tests/orders_of.yaml bad_number',
      'test/fixtures/engine/shop/tests/orders_of.yaml bob_over_100',
      'test/fixtures/engine/shop/tests/orders_of.yaml default_customer',
      'test/fixtures/engine/shop/tests/orders_of.yaml nobody',
      'test/fixtures/engine/shop/tests/snapshot_customers.yaml replace_holds_one_copy',
      'test/fixtures/engine/shop/tests/snapshot_customers.yaml second_run',
    ]);
    assert.match(result.stdout, /\n13 passed, 0 failed\n$/);
  });

  it('fails each failing case for its reason, with a diff of the rows, exit 1 and JUnit XML', () => {
    const junit = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-junit-')), 'report.xml');
    const result = cli('run', path.join(FAILING, 'classic.yaml'), path.join(FAILING, 'orders_of.yaml'), '--junit', junit);
    assert.equal(result.status, 1);
    const out = result.stdout;
    assert.match(out, /FAIL \S+classic\.yaml returns_rows .*\n {4}returned 2 rows \(a classic test passes when its SQL returns none\)\n {6}\{"customer":"ann"\}\n {6}\{"customer":"bob"\}\n/);
    assert.match(out, /over_max_bytes_read .*\n {4}read \d+ bytes, over max_bytes_read 1\n/);
    assert.match(out, /unknown_column .*\n {4}sql: UNKNOWN_IDENTIFIER: Unknown expression identifier `amount_typo`/);
    assert.match(out, /PASS \S+classic\.yaml passes /);
    assert.match(out, /not_a_query .*\n {4}sql: not a query \(SELECT or WITH\)\n/);
    assert.match(out, /wrong_rows .*\n {4}the rows differ from expected_result\n {4}--- expected\n {4}\+\+\+ actual\n {6}\{"order_id":1,"amount":50\}\n {4}- \{"order_id":3,"amount":999\}\n {4}\+ \{"order_id":3,"amount":200\.5\}\n/);
    assert.match(out, /expected_an_error .*\n {4}expected HTTP 400, the request returned 2 rows\n/);
    assert.match(out, /not_written_yet .*\n {4}no expected_result \(write it with `tb-datafiles test update`\)\n/);
    assert.match(out, /\n1 passed, 7 failed\n$/);
    const xml = fs.readFileSync(junit, 'utf8');
    assert.match(xml, /<testsuites name="tb-datafiles test" tests="8" failures="7">/);
    assert.match(xml, /<testsuite name="test\/fixtures\/engine\/shop\/failing-tests\/classic.yaml" tests="5" failures="4" errors="0"/);
    assert.match(xml, /<testcase classname="[^"]+classic.yaml" name="passes" time="[\d.]+"\/>/);
    assert.match(xml, /<failure message="the rows differ from expected_result">the rows differ from expected_result\n--- expected\n\+\+\+ actual\n  \{&quot;order_id&quot;:1,&quot;amount&quot;:50\}\n- \{&quot;order_id&quot;:3,&quot;amount&quot;:999\}/);
    assert.equal((xml.match(/<testcase /g) ?? []).length, 8);
    fs.rmSync(path.dirname(junit), { recursive: true, force: true });
  });

  it('runs only the named cases', () => {
    const result = cli('run', path.join(FAILING, 'classic.yaml'), '--case', 'passes');
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /^PASS \S+ passes .*\n\n1 passed, 0 failed\n$/);
  });

  it('exits 2 on usage errors and 1 when there are no test files', () => {
    assert.equal(cli('run', '--bogus').status, 2);
    assert.equal(cli('lint').status, 2);
    assert.equal(cli('run', path.join(SHOP, 'pipes')).status, 1);
  });
});

describe('tb-datafiles test update', () => {
  it('writes expected_result of Forward-style cases, which then pass', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-update-'));
    fs.cpSync(SHOP, project, { recursive: true });
    const file = path.join(project, 'tests', 'orders_of.yaml');
    fs.writeFileSync(file, "- name: cid\n  description: one order\n  parameters: customer=cid\n- name: fails\n  parameters: min_amount=x\n  expected_http_status: 400\n");
    const update = cli('update', file);
    assert.equal(update.status, 0, update.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), "- name: cid\n  description: one order\n  parameters: customer=cid\n  expected_result: |\n    {\"order_id\":4,\"amount\":10}\n  expected_http_status: 200\n- name: fails\n  parameters: min_amount=x\n  expected_result: ''\n  expected_http_status: 400\n");
    assert.equal(cli('run', file).status, 0);
    fs.rmSync(project, { recursive: true, force: true });
  });
});

describe('an engine crash during the tests', () => {
  it('fails the running case and the rest of the file instead of running them on an empty engine', async () => {
    const index = indexProject(SHOP);
    // `s = 1` is never true (sleep returns 0) but keeps ClickHouse from skipping the sleep.
    const file = parseTestFile(path.join(SHOP, 'tests/slow.yaml'), '- slow:\n    sql: SELECT s FROM (SELECT sleep(3) AS s) WHERE s = 1\n- after:\n    sql: SELECT 1 WHERE 0\n');
    const engine = testEngine();
    // The crash comes while the slow case runs: the engine is killed once its query has been sent.
    const send = engine.request.bind(engine);
    engine.request = ((request: Parameters<typeof send>[0]) => {
      const answer = send(request);
      if ('sql' in request && String(request.sql).includes('sleep(3)') && engine.pid) process.kill(engine.pid, 'SIGKILL');
      return answer;
    }) as typeof engine.request;
    const results = await runTestFile(engine, index, SHOP, file);
    assert.deepEqual(results.map((r) => [r.name, r.passed]), [['slow', false], ['after', false]]);
    for (const r of results) assert.match(r.message ?? '', /^the engine crashed: engine exited \(SIGKILL\)/);
  });
});

describe('TTL in tests', () => {
  it('is left out of the tables, so a merge does not drop old fixture rows', async () => {
    const index = indexProject(SHOP);
    assert.match(projectTables(index).tables.find((t) => t.name === 'sessions')!.sql, /TTL \(started \+ toIntervalDay\(30\)\)/);
    assert.doesNotMatch(projectTables(index, { ttl: false }).tables.find((t) => t.name === 'sessions')!.sql, /TTL/);
    const counts: number[] = [];
    for (const ttl of [true, false]) {
      const engine = testEngine();
      try {
        await prepareRun(engine, index, SHOP, { ttl });
        await engine.request({ op: 'run', sql: 'OPTIMIZE TABLE sessions FINAL' });
        counts.push(Number((await engine.request({ op: 'run', sql: 'SELECT count() AS n FROM sessions' })).result!.data[0].n));
      } finally {
        await engine.close();
      }
    }
    assert.deepEqual(counts, [0, 2]);
  });
});
