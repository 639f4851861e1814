// Service data source columns against Tinybird's docs (expected values written from
// https://tinybird.co/docs/classic/monitoring/service-datasources, not from the catalog).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { serviceDatasourceColumns } from '../../server/catalog/tinybird';

test('tinybird.pipe_stats_rt has the documented columns and types', () => {
  const cols = serviceDatasourceColumns('tinybird', 'pipe_stats_rt')!;
  const typed = Object.fromEntries(cols.filter((c) => c.type).map((c) => [c.name, c.type]));
  assert.deepEqual(typed, {
    start_datetime: 'DateTime',
    pipe_id: 'String',
    pipe_name: 'String',
    duration: 'Float',
    read_bytes: 'UInt64',
    read_rows: 'UInt64',
    result_rows: 'UInt64',
    url: 'String',
    error: 'UInt8',
    request_id: 'String',
    token: 'String',
    token_name: 'String',
    status_code: 'Int32',
  });
});

test('a service data source with no confirmed column still exists, with no columns', () => {
  assert.deepEqual(serviceDatasourceColumns('tinybird', 'bi_stats'), []);
  assert.equal(serviceDatasourceColumns('tinybird', 'no_such_log'), undefined);
});
