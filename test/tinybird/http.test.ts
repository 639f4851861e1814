import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { TinybirdApi } from '../../client/tinybird/api';
import { CancelledError, LOCAL_DOCKER_COMMAND, TinybirdApiError } from '../../client/tinybird/errors';
import { TinybirdHttp, parseRetryAfter } from '../../client/tinybird/http';
import { TinybirdApiServer, queryResponse } from './apiServer';
import { LinesLogger } from './helpers';

let server: TinybirdApiServer;
before(async () => {
  server = await TinybirdApiServer.start();
});
after(() => server.close());
beforeEach(() => server.reset());

function client(options: { host?: string; token?: string; local?: boolean; timeoutMs?: number } = {}) {
  const logger = new LinesLogger();
  const waits: number[] = [];
  const target = { name: 'STAGING', host: options.host ?? server.url, token: options.token ?? server.token, isLocal: options.local ?? false };
  const transport = new TinybirdHttp(target, {
    logger,
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: 3,
    maxRetryAfterMs: 10_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { api: new TinybirdApi(transport), logger, waits };
}

async function apiError(p: Promise<unknown>): Promise<TinybirdApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof TinybirdApiError, String(err));
    return err;
  }
  assert.fail('expected a TinybirdApiError');
}

test('the token travels only as a Bearer header; the log has method, path, status and duration', async () => {
  const { api, logger } = client();
  const ws = await api.workspace();
  assert.equal(ws.name, 'Tinybird_Local_Testing');
  const [req] = server.requests;
  assert.equal(req.headers.authorization, `Bearer ${server.token}`);
  assert.deepEqual(req.query, {});
  assert.match(logger.lines[0], /^GET \/v0\/workspace 200 \d+ ms$/);
  assert.ok(logger.lines.every((l) => !l.includes(server.token)));
});

test('429 is retried after Retry-After seconds', async () => {
  server.fail({ path: /^\/v0\/workspace$/ }, { status: 429, error: 'Too many requests', headers: { 'retry-after': '2' } });
  const { api, waits, logger } = client();
  await api.workspace();
  assert.deepEqual(waits, [2000]);
  assert.deepEqual(server.calls(), ['GET /v0/workspace', 'GET /v0/workspace']);
  assert.match(logger.lines.join('\n'), /GET \/v0\/workspace 429 .*\nGET \/v0\/workspace retrying in 2000 ms \(attempt 2\)\nGET \/v0\/workspace 200/);
});

test('429 retries are bounded, and a Retry-After beyond the limit fails at once', async () => {
  server.fail({ path: /workspace/ }, { status: 429, error: 'Workspaces created since 2024-08-12 have a limit of 20 requests per second by default.', headers: { 'retry-after': '1' } }, 10);
  const bounded = client();
  const err = await apiError(bounded.api.workspace());
  assert.deepEqual(bounded.waits, [1000, 1000, 1000]);
  assert.equal(server.requests.length, 4);
  assert.equal(err.kind, 'rate-limited');
  assert.match(err.message, /^STAGING: rate limited \(429\) for GET \/v0\/workspace: Workspaces created since 2024-08-12/);

  server.reset();
  server.fail({ path: /workspace/ }, { status: 429, error: 'Organization QPS limit exceeded (10 requests/second)', headers: { 'retry-after': '120' } });
  const long = client();
  await apiError(long.api.workspace());
  assert.deepEqual(long.waits, []);
  assert.equal(server.requests.length, 1);
});

test('GET is retried on 502 and 504, POST is not', async () => {
  server.fail({ method: 'GET', path: /workspace/ }, { status: 502, body: 'Bad gateway' });
  server.fail({ method: 'GET', path: /workspace/ }, { status: 504, body: 'Gateway timeout' });
  const get = client();
  await get.api.workspace();
  assert.deepEqual(get.waits, [500, 1000]);

  server.fail({ method: 'POST', path: /^\/v0\/pipes\/p\/copy$/ }, { status: 502, body: 'Bad gateway' });
  const post = client();
  const err = await apiError(post.api.runCopy('p', {}, undefined));
  assert.equal(err.kind, 'server-error');
  assert.equal(err.message, 'STAGING: server error (502) for POST /v0/pipes/p/copy: Bad gateway.');
  assert.deepEqual(post.waits, []);
});

const STATUS_CASES: Array<[number, string, RegExp]> = [
  [400, 'bad-request', /^STAGING: GET \/v0\/workspace failed \(400\): \[Error\] Missing columns: 'x'\. \(see https:\/\/www\.tinybird\.co\/docs\/api-reference\/errors\)$/],
  [401, 'unauthorized', /^STAGING rejected the token \(401\): \[Error\] Missing columns: 'x'\. Set a valid token with "Tinybird: Set Token"\.$/],
  [403, 'forbidden', /^STAGING: forbidden \(403\) for GET \/v0\/workspace: .*The token may lack the scope needed/],
  [404, 'not-found', /^STAGING: not found \(404\) for GET \/v0\/workspace: /],
  [409, 'conflict', /^STAGING: conflict \(409\) for GET \/v0\/workspace: /],
  [413, 'too-large', /^STAGING: request too large \(413\) for GET \/v0\/workspace: /],
  [500, 'server-error', /^STAGING: server error \(500\) for GET \/v0\/workspace: \[Error\] Missing columns/],
];

for (const [status, kind, message] of STATUS_CASES) {
  test(`${status} gives a ${kind} error naming the environment with the API message`, async () => {
    server.fail({ path: /workspace/ }, { status, error: "[Error] Missing columns: 'x'" });
    const err = await apiError(client().api.workspace());
    assert.equal(err.kind, kind);
    assert.equal(err.status, status);
    assert.equal(err.environment, 'STAGING');
    assert.equal(err.apiMessage, "[Error] Missing columns: 'x'");
    assert.equal(err.documentation, 'https://www.tinybird.co/docs/api-reference/errors');
    assert.match(err.message, message);
  });
}

test('a real 403 from a wrong token, and API text containing the token, never show the token', async () => {
  const wrong = await apiError(client({ token: 'p.wrong-token' }).api.workspace());
  assert.equal(wrong.kind, 'forbidden');
  assert.match(wrong.message, /Invalid token/);

  server.fail({ path: /workspace/ }, { status: 400, error: `bad token ${server.token} in request` });
  const err = await apiError(client().api.workspace());
  assert.ok(!err.message.includes(server.token));
  assert.match(err.message, /bad token \*\*\* in request/);
});

test('a non-JSON error body is shown as text; "errors" details are appended', async () => {
  server.fail({ path: /workspace/ }, { status: 500, body: '<html>upstream failed</html>' });
  assert.match((await apiError(client().api.workspace())).message, /server error \(500\) for GET \/v0\/workspace: an HTML page \(upstream failed\), probably from a proxy in front of the API\.$/);
  server.fail({ path: /workspace/ }, { status: 500, body: 'plain failure text' });
  assert.match((await apiError(client().api.workspace())).message, /: plain failure text\.$/);
  server.fail({ path: /workspace/ }, { status: 400, body: JSON.stringify({ error: 'Invalid schema', errors: ['line 1'] }) });
  assert.match((await apiError(client().api.workspace())).message, /Invalid schema -> errors: \["line 1"\]/);
});

test('a slow response times out with a message naming the environment and request', async () => {
  server.fail({ path: /workspace/ }, { status: 200, body: '{}', delayMs: 1000 });
  const { api, logger } = client({ timeoutMs: 100 });
  const err = await apiError(api.workspace());
  assert.equal(err.kind, 'timeout');
  assert.equal(err.message, 'STAGING: GET /v0/workspace timed out.');
  assert.match(logger.lines[0], /^GET \/v0\/workspace timeout \d+ ms$/);
});

test('connection refused: Tinybird Local gets the docker run line, others a plain message', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));

  const local = await apiError(client({ host, local: true }).api.localTokens());
  assert.equal(local.kind, 'connection-refused');
  assert.equal(local.message, `Tinybird Local (STAGING) is not reachable at ${host}: connection refused. Start it with:\n${LOCAL_DOCKER_COMMAND}`);
  assert.ok(LOCAL_DOCKER_COMMAND.includes('tinybirdco/tinybird-local:latest') && LOCAL_DOCKER_COMMAND.includes('COMPATIBILITY_MODE=1'));

  const remote = await apiError(client({ host }).api.workspace());
  assert.equal(remote.message, `Cannot connect to STAGING at ${host}: connection refused.`);
});

test('an unknown host is a DNS failure naming the environment', async () => {
  const err = await apiError(client({ host: 'http://tinybird-host.invalid' }).api.workspace());
  assert.equal(err.kind, 'dns');
  assert.match(err.message, /^Cannot resolve the host of STAGING \(http:\/\/tinybird-host\.invalid\)/);
});

test('responses are validated: a malformed query result is an invalid-response error', async () => {
  server.fail({ path: /^\/v0\/sql$/ }, { status: 200, body: JSON.stringify({ meta: 'nope', data: [] }) });
  const err = await apiError(client().api.sql('SELECT 1\nFORMAT JSON'));
  assert.equal(err.kind, 'invalid-response');
  assert.match(err.message, /^STAGING: unexpected response to GET \/v0\/sql: Expected array, received string at meta\.$/);
  server.fail({ path: /^\/v0\/workspace$/ }, { status: 200, body: 'not json' });
  assert.match((await apiError(client().api.workspace())).message, /the body is not JSON/);
});

test('cancelling aborts an in-flight request', async () => {
  server.fail({ path: /workspace/ }, { status: 200, body: '{}', delayMs: 1000 });
  const controller = new AbortController();
  const pending = client().api.workspace(controller.signal);
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(pending, CancelledError);
});

test('long endpoint and SQL requests switch to POST with the same parameters', async () => {
  server.addDatasource('ds');
  const { api } = client();
  await api.createPipe({ name: 'ep', nodes: [{ name: 'n', sql: 'SELECT 1', type: 'standard' }] }, false);
  const created = server.pipes.get('ep');
  assert.ok(created);
  await api.publishEndpoint('ep', created.nodes[0].id);
  server.requests.length = 0;
  const big = 'x'.repeat(5000);
  const res = await api.queryPipe('ep', { ids: big, other: 'y' });
  assert.equal(res.rows, 2);
  const [q] = server.requests;
  assert.equal(q.method, 'POST');
  assert.deepEqual(q.form, { ids: big, other: 'y' });

  const sql = `SELECT '${big}'\nFORMAT JSON`;
  await api.sql(sql, { pipeline: 'ep' });
  const s = server.requests[1];
  assert.equal(s.method, 'POST');
  assert.equal(s.text, sql);
  assert.deepEqual(s.query, { pipeline: ['ep'] });
});

test('Retry-After accepts seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('3'), 3000);
  assert.equal(parseRetryAfter('0.5'), 500);
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test('the multipart upload does not use the host realm Blob/FormData (the extension host cannot serialise them)', async () => {
  server.addDatasource('events');
  const saved = { Blob: globalThis.Blob, FormData: globalThis.FormData };
  const unusable = class {
    constructor() {
      throw new TypeError("Cannot read properties of null (reading 'byteLength')");
    }
  };
  Object.assign(globalThis, { Blob: unusable, FormData: unusable });
  try {
    const res = await client().api.append('events', 'ndjson', 'events.ndjson', new TextEncoder().encode('{"id":"a"}\n{"id":"b"}\n'));
    assert.equal(res.invalid_lines, 0);
  } finally {
    Object.assign(globalThis, saved);
  }
  const [req] = server.requests;
  assert.match(String(req.headers['content-type']), /^multipart\/form-data; boundary=\S+$/);
  assert.deepEqual(req.multipart?.files, [{ field: 'ndjson', fileName: 'events.ndjson', content: '{"id":"a"}\n{"id":"b"}\n' }]);
  assert.equal(server.datasources.get('events')?.rows, 2);
});

test('a failure inside the extension (nothing sent) is a local error, never a network error, and never shows the token', async () => {
  const token = 'p.bad\ntoken';
  const err = await apiError(client({ token }).api.workspace());
  assert.equal(err.kind, 'local');
  assert.match(err.message, /^STAGING: GET \/v0\/workspace could not be sent \(a problem in VS Code, not on the network; nothing reached STAGING\): /);
  assert.ok(!err.message.includes('p.bad') && !err.message.includes('token\n'));
  assert.equal(server.requests.length, 0);
});

function bigClient(maxResponseBytes: number) {
  const target = { name: 'STAGING', host: server.url, token: server.token, isLocal: false };
  return new TinybirdApi(new TinybirdHttp(target, { logger: new LinesLogger(), timeoutMs: 5000, maxRetries: 0, maxRetryAfterMs: 0, maxResponseBytes }));
}

test('API messages that end in a full stop do not get a second one', async () => {
  server.fail({ path: /workspace/ }, { status: 400, error: 'There were no operations to perform, new schema, ttl and indexes are the same as the existing ones.' });
  const err = await apiError(client().api.workspace());
  assert.ok(!err.message.includes('..'), err.message);
  assert.match(err.message, /the existing ones\. \(see https/);
  server.fail({ path: /workspace/ }, { status: 429, error: 'Retry later.' }, 10);
  const limited = await apiError(client().api.workspace());
  assert.ok(!limited.message.includes('..'), limited.message);
});

test('a 429 whose Retry-After is too long says how long to wait', async () => {
  server.fail({ path: /workspace/ }, { status: 429, error: 'Organization QPS limit exceeded', headers: { 'retry-after': '120' } });
  const err = await apiError(client().api.workspace());
  assert.match(err.message, /^STAGING: rate limited \(429\) for GET \/v0\/workspace: Organization QPS limit exceeded\. Tinybird asks to wait 2 min before retrying\./);
});

test('a 302 is reported as a redirect naming where it points (the host is probably wrong), never as an invalid response', async () => {
  server.fail({ path: /workspace/ }, { status: 302, body: '', headers: { location: 'https://app.tinybird.co/login?next=%2Fv0%2Fworkspace&token=abc' } });
  const err = await apiError(client().api.workspace());
  assert.equal(err.kind, 'redirect');
  assert.equal(err.message, 'STAGING: GET /v0/workspace was redirected (302) to https://app.tinybird.co/login. The host of STAGING is probably not the API host (e.g. https://api.tinybird.co); check TB_HOST_STAGING.');
});

test('a connection reset says the connection was closed before the response', async () => {
  server.fail({ path: /workspace/ }, { status: 200, reset: true });
  const err = await apiError(bigClient(1_000_000).workspace());
  assert.equal(err.kind, 'network');
  assert.match(err.message, /^STAGING \(http:\/\/127\.0\.0\.1:\d+\) closed the connection before the response was complete \(UND_ERR_SOCKET|ECONNRESET\)/);
});

test('an HTML error page (a 502 from a proxy) is summarised by its title, not quoted as markup', async () => {
  const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>${'x'.repeat(600)}</style></head><body><h1>Bad Gateway</h1><p>The proxy got no answer.</p></body></html>`;
  server.fail({ method: 'POST', path: /copy/ }, { status: 502, body: page, headers: { 'content-type': 'text/html' } });
  const err = await apiError(client().api.runCopy('p', {}, undefined));
  assert.equal(err.message, 'STAGING: server error (502) for POST /v0/pipes/p/copy: an HTML page "502 Bad Gateway" (Bad Gateway The proxy got no answer.), probably from a proxy in front of the API.');
});

test('a response larger than the cap is refused with its size, without reading it all', async () => {
  server.sqlResult = () => ({ meta: [{ name: 'x', type: 'String' }], data: Array.from({ length: 2000 }, (_, i) => ({ x: `row ${i}` })), rows: 2000, statistics: { elapsed: 0, rows_read: 0, bytes_read: 0 } });
  const err = await apiError(bigClient(10_000).sql('SELECT x FROM t FORMAT JSON'));
  server.sqlResult = (q) => queryResponse([{ name: 'q', type: 'String' }], [{ q }]);
  assert.equal(err.kind, 'too-large');
  assert.match(err.message, /^STAGING: the response to GET \/v0\/sql is larger than 10 kB, the limit; stopped reading it\. Add a LIMIT or filter the query\.$/);
});
