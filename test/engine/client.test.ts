// The engine process with real chDB: tables, queries, appends, limits, crash recovery, cleanup.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, describe, it } from 'node:test';
import * as path from 'node:path';
import { EngineClient, EngineCrashedError } from '../../server/engine/client';
import { REPO_ROOT } from '../support/shared';
import { testEngine } from '../support/engine';

const EVENTS = { name: 'events', sql: 'CREATE TABLE events (id UInt32, kind String, amount Float64) ENGINE = MergeTree ORDER BY id' };

describe('engine process', () => {
  const engine = testEngine({ limits: { maxExecutionTime: 7, maxMemoryUsage: 1_500_000_000 } });
  after(() => engine.close());

  it('creates tables, appends rows and runs queries in the JSON API shape', async () => {
    const created = await engine.request({ op: 'createTables', tables: [EVENTS, { name: 'bad', sql: 'CREATE TABLE bad (x Nope) ENGINE = MergeTree ORDER BY x' }] });
    assert.deepEqual(created.created, ['events']);
    assert.equal(created.failed[0].name, 'bad');
    assert.equal(created.failed[0].error.name, 'UNKNOWN_TYPE');
    const appended = await engine.request({ op: 'append', table: 'events', format: 'JSONEachRow', data: '{"id":1,"kind":"a","amount":2.5}\n{"id":2,"kind":"b","amount":4}\n{"id":3,"kind":"a","amount":1,"extra":true}\n' });
    assert.deepEqual(appended, { rows: 3 });
    const { result } = await engine.request({ op: 'run', sql: 'SELECT kind, sum(amount) AS total FROM events GROUP BY kind ORDER BY kind' });
    assert.deepEqual(result?.meta, [{ name: 'kind', type: 'String' }, { name: 'total', type: 'Float64' }]);
    assert.deepEqual(result?.data, [{ kind: 'a', total: 3.5 }, { kind: 'b', total: 4 }]);
    assert.equal(result?.rows, 2);
    assert.equal(typeof result?.statistics.elapsed, 'number');
  });

  it('runs every query with the configured limits', async () => {
    const { result } = await engine.request({ op: 'run', sql: "SELECT getSetting('max_execution_time') AS t, getSetting('max_memory_usage') AS m" });
    assert.deepEqual(result?.data, [{ t: 7, m: 1500000000 }]);
  });

  it('reports ClickHouse errors by name', async () => {
    const { error } = await engine.request({ op: 'run', sql: 'SELECT kindd FROM events' });
    assert.equal(error?.name, 'UNKNOWN_IDENTIFIER');
    assert.equal(error?.code, 47);
    assert.match(error!.message, /^Unknown expression identifier `kindd` in scope/);
  });

  it('analyses queries and checks their output against a target table', async () => {
    await engine.request({ op: 'createTables', tables: [{ name: 'totals', sql: 'CREATE TABLE totals (kind String, total AggregateFunction(sum, Float64)) ENGINE = AggregatingMergeTree ORDER BY kind' }] });
    const { results } = await engine.request({
      op: 'analyse',
      queries: [
        { key: 'ok', sql: 'SELECT kind, sumState(amount) AS total FROM events GROUP BY kind', target: 'totals' },
        { key: 'typo', sql: 'SELECT kindd FROM events' },
        { key: 'wrong type', sql: 'SELECT kind, sum(amount) AS total FROM events GROUP BY kind', target: 'totals' },
      ],
    });
    assert.deepEqual(results[0].error, undefined);
    assert.deepEqual(results[0].targetError, undefined);
    assert.deepEqual(results[0].columns, [{ name: 'kind', type: 'String' }, { name: 'total', type: 'AggregateFunction(sum, Float64)' }]);
    assert.equal(results[1].error?.name, 'UNKNOWN_IDENTIFIER');
    assert.equal(results[2].error, undefined);
    assert.equal(results[2].targetError?.name, 'CANNOT_CONVERT_TYPE');
    // nothing was inserted by the check
    const { result } = await engine.request({ op: 'run', sql: 'SELECT count() AS n FROM totals' });
    assert.deepEqual(result?.data, [{ n: 0 }]);
  });
});

describe('engine crash', () => {
  it('restarts once with its tables, reports it, then stays failed', async () => {
    const crashes: { restarted: boolean; detail: string }[] = [];
    let crashed = () => {};
    const engine = testEngine({ onCrash: (c) => (crashes.push(c), crashed()) });
    // However slow the machine, the crash is awaited, not guessed with a delay.
    const kill = () => new Promise<void>((resolve) => ((crashed = resolve), process.kill(engine.pid!, 'SIGKILL')));
    try {
      await engine.request({ op: 'createTables', tables: [EVENTS] });
      await kill();
      assert.equal(crashes.length, 1);
      assert.equal(crashes[0].restarted, true);
      assert.match(crashes[0].detail, /SIGKILL/);
      const { result } = await engine.request({ op: 'run', sql: 'SELECT count() AS n FROM events' });
      assert.deepEqual(result?.data, [{ n: 0 }], 'tables are recreated after the restart');
      await kill();
      assert.equal(crashes.length, 2);
      assert.equal(engine.state, 'failed');
      await assert.rejects(engine.request({ op: 'run', sql: 'SELECT 1' }), EngineCrashedError);
    } finally {
      await engine.close();
    }
  });

  it('a close the engine dies before answering still finishes', async () => {
    const engine = testEngine();
    await engine.request({ op: 'createTables', tables: [EVENTS] });
    const pid = engine.pid!;
    const closing = engine.close();
    process.kill(pid, 'SIGKILL');
    await closing;
    assert.equal(engine.state, 'stopped');
  });

  it('requests sent after the channel closed, before the exit is seen, are rejected (no unhandled channel error)', async () => {
    const engine = new EngineClient({ enginePath: path.join(REPO_ROOT, 'test/fixtures/engine-peers/closes-channel-then-lingers.js') });
    let firstSettled = false;
    const outcome = (e: unknown) => (e instanceof EngineCrashedError ? 'rejected' : String(e));
    const first = engine.request({ op: 'run', sql: 'SELECT 1' }).then(() => 'answered', outcome).finally(() => (firstSettled = true));
    const later: Promise<unknown>[] = [];
    // The first request settles when the peer exits, a second after it closed the channel: every
    // request of this loop in between is sent to a child whose channel is closed.
    while (!firstSettled) {
      later.push(engine.request({ op: 'run', sql: 'SELECT 1' }).then(() => 'answered', outcome));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(await first, 'rejected');
    const outcomes = new Set(await Promise.all(later));
    assert.deepEqual([...outcomes], ['rejected']);
    await engine.close();
  });

  it('removes its data directory on close', async () => {
    const engine = testEngine();
    await engine.request({ op: 'createTables', tables: [EVENTS] });
    const dir = engine.dataDirectory!;
    assert.ok(fs.existsSync(dir));
    await engine.close();
    assert.equal(fs.existsSync(dir), false);
  });
});
