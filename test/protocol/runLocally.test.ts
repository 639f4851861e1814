// Run Endpoint / Node / Copy Locally through the built server on test/fixtures/engine/shop, with the
// real engine: rows computed by hand from fixtures/orders.ndjson (ann 50 + 200.5, bob 120, cid 10).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Requests, type QueryResult, type RunLocallyParams } from '../../server/protocol';
import { REPO_ROOT } from '../support/corpus';
import { startServer, type LspHarness } from '../support/lspClient';

const SHOP = path.join(REPO_ROOT, 'test/fixtures/engine/shop');
const uri = (pipe: string) => pathToFileURL(path.join(SHOP, 'pipes', `${pipe}.pipe`)).href;
let server: LspHarness;
const run = (params: RunLocallyParams) => server.connection.sendRequest(Requests.runLocally, params) as Promise<QueryResult>;

before(async () => {
  server = await startServer(SHOP);
  await server.allPublished([uri('top_customers')]);
});
after(() => server.stop());

test('an endpoint runs on the fixtures, with materialized views fired', async () => {
  const result = await run({ uri: uri('top_customers') });
  assert.deepEqual(result.meta.map((m) => m.name), ['customer', 'total', 'orders']);
  assert.deepEqual(result.data, [
    { customer: 'ann', total: 250.5, orders: 2 },
    { customer: 'bob', total: 120, orders: 1 },
    { customer: 'cid', total: 10, orders: 1 },
  ]);
});

test('a node runs on its own, and a copy pipe returns the rows it wrote', async () => {
  const node = await run({ uri: uri('top_customers'), node: 'totals' });
  assert.equal(node.rows, 3);
  const copy = await run({ uri: uri('snapshot_customers') });
  assert.deepEqual([...copy.data].sort((a, b) => String(a.customer).localeCompare(String(b.customer))), [
    { customer: 'ann', total: 250.5 },
    { customer: 'bob', total: 120 },
    { customer: 'cid', total: 10 },
  ]);
});

test('an unknown node is a readable error', async () => {
  await assert.rejects(run({ uri: uri('top_customers'), node: 'nope' }), /top_customers has no node nope/);
});
