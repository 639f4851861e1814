// The built server (dist/server.js) loads its bundle through V8's code cache: stored once the initial
// diagnostics are sent, used as is by the next start, and replaced when damaged.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startServer } from '../support/lspClient';
import { tempTree } from '../support/tempTree';
import { until } from '../support/until';

const project = tempTree('tb-server-code-cache-', {
  'datasources/events.datasource': 'SCHEMA >\n    `id` Int32\n',
  'pipes/by_id.pipe': 'NODE n\nSQL >\n    SELECT id FROM events\n',
});
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-server-cache-'));
const cacheFile = path.join(cache, 'code-server-core.bin');
const uris = ['datasources/events.datasource', 'pipes/by_id.pipe'].map((f) => pathToFileURL(path.join(project, f)).href);
// The spawned server inherits this process's environment: its cache folder is this test's own.
process.env.TB_DATAFILES_CACHE_DIR = cache;

after(() => {
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(cache, { recursive: true, force: true });
});

/** Starts the server, waits for every file's diagnostics, then for the cache file to be `settled`. */
async function startAndSettle(settled: (bytes: Buffer | undefined) => boolean): Promise<Buffer | undefined> {
  const server = await startServer(project);
  try {
    await server.allPublished(uris);
    assert.deepEqual(uris.map((u) => server.diagnostics.get(u)?.diagnostics), [[], []]);
    return await until('the code cache', () => (fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined), settled);
  } finally {
    await server.stop();
  }
}

test('the first start stores the code cache once its diagnostics are sent; the next start uses it unchanged', async () => {
  const first = await startAndSettle((bytes) => bytes !== undefined);
  assert.ok(first!.length > 100_000, `a cache of the whole bundle (${first!.length} bytes)`);
  const { mtimeMs } = fs.statSync(cacheFile);
  await startAndSettle((bytes) => bytes !== undefined);
  // A cache V8 accepted is not written again.
  assert.equal(fs.statSync(cacheFile).mtimeMs, mtimeMs);
  assert.deepEqual(fs.readFileSync(cacheFile), first);
});

test('a damaged code cache is ignored: the server starts from the source and replaces it', async () => {
  const good = fs.readFileSync(cacheFile);
  const damaged = Buffer.from(good);
  damaged[damaged.length - 1] ^= 0xff;
  fs.writeFileSync(cacheFile, damaged);
  const replaced = await startAndSettle((bytes) => bytes !== undefined && !bytes.equals(damaged));
  assert.ok(replaced!.length > 100_000);
});
