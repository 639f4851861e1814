// Install Local Engine against a real loopback HTTP server playing the npm registry, with tarballs
// made by the system's tar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { EngineInstallError, InstallCancelled, installEngine } from '../../client/engine/install';
import { writeTree } from '../support/tempTree';

const NATIVE = '@chdb/lib-linux-x64-gnu';
let tmp: string;
let server: http.Server;
let registry: string;
const tarballs = new Map<string, Buffer>();
/** Integrity the registry publishes per package; tests corrupt it. */
const published = new Map<string, string>();
const requests: string[] = [];

function packTarball(files: Record<string, string>): Buffer {
  const dir = fs.mkdtempSync(path.join(tmp, 'pack-'));
  writeTree(path.join(dir, 'package'), files);
  const out = path.join(dir, 'p.tgz');
  execFileSync('tar', ['-czf', out, '-C', dir, 'package']);
  return fs.readFileSync(out);
}

const sha512 = (b: Buffer) => `sha512-${createHash('sha512').update(b).digest('base64')}`;
const LONG = `deep/${'n'.repeat(120)}/file.txt`;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-install-'));
  tarballs.set('chdb', packTarball({ 'package.json': '{"name":"chdb","version":"3.4.0"}', 'index.js': 'module.exports = 1;\n', [LONG]: 'long name\n' }));
  tarballs.set(NATIVE, packTarball({ 'package.json': `{"name":"${NATIVE}"}`, 'libchdb.so': 'x'.repeat(200_000) }));
  for (const [name, tgz] of tarballs) published.set(name, sha512(tgz));
  server = http.createServer((req, res) => {
    requests.push(req.url!);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const manifest = (name: string, extra: object) => JSON.stringify({ name, ...extra, dist: { tarball: `${base}/tarballs/${encodeURIComponent(name)}.tgz`, integrity: `sha1-abc ${published.get(name)}` } });
    const tarball = /^\/tarballs\/(.+)\.tgz$/.exec(req.url!);
    const body = tarball && tarballs.get(decodeURIComponent(tarball[1]));
    if (req.url === '/chdb/3.4.0') res.end(manifest('chdb', { optionalDependencies: { [NATIVE]: '26.7.3-stable.1' } }));
    else if (req.url === '/@chdb%2flib-linux-x64-gnu/26.7.3-stable.1') res.end(manifest(NATIVE, {}));
    else if (body) res.setHeader('content-length', body.length).end(body);
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('installs chdb and the platform package verified against the registry integrity, with progress', async () => {
  const dest = path.join(tmp, 'engine-ok');
  const seen = new Map<string, { received: number; total?: number }>();
  await installEngine({ dest, registry, platform: 'linux-x64', onProgress: (what, received, total) => seen.set(what, { received, total }) });
  assert.equal(fs.readFileSync(path.join(dest, 'node_modules/chdb/index.js'), 'utf8'), 'module.exports = 1;\n');
  assert.equal(fs.readFileSync(path.join(dest, 'node_modules/chdb', LONG), 'utf8'), 'long name\n');
  assert.equal(fs.statSync(path.join(dest, 'node_modules/@chdb/lib-linux-x64-gnu/libchdb.so')).size, 200_000);
  assert.deepEqual(seen.get(NATIVE), { received: tarballs.get(NATIVE)!.length, total: tarballs.get(NATIVE)!.length });
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.partial-')), [], 'no staging folder is left');
});

test('a tarball that does not match the published sha512 is refused and the previous install stays', async () => {
  const dest = path.join(tmp, 'engine-bad');
  fs.mkdirSync(path.join(dest, 'node_modules/chdb'), { recursive: true });
  fs.writeFileSync(path.join(dest, 'node_modules/chdb/old.js'), 'old');
  published.set(NATIVE, sha512(Buffer.from('something else')));
  try {
    await assert.rejects(installEngine({ dest, registry, platform: 'linux-x64' }), (e: Error) => e instanceof EngineInstallError && /does not match the npm registry's integrity \(sha512\)/.test(e.message));
  } finally {
    published.set(NATIVE, sha512(tarballs.get(NATIVE)!));
  }
  assert.deepEqual(fs.readdirSync(path.join(dest, 'node_modules/chdb')), ['old.js']);
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.partial-')), []);
});

test('an unsupported platform and an unreachable registry get clear messages; cancel stops', async () => {
  await assert.rejects(installEngine({ dest: path.join(tmp, 'w'), registry, platform: 'win32-x64' }), /no build for win32-x64 \(only darwin-arm64, darwin-x64, linux-x64, linux-arm64\)/);
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await assert.rejects(installEngine({ dest: path.join(tmp, 'o'), registry: `http://127.0.0.1:${port}`, platform: 'linux-x64' }), /cannot be reached \(ECONNREFUSED\)/);
  // Cancelled in the middle of the second download: the first package is already unpacked in staging.
  const controller = new AbortController();
  const progress: string[] = [];
  const onProgress = (what: string) => {
    progress.push(what);
    if (what === NATIVE) controller.abort();
  };
  await assert.rejects(installEngine({ dest: path.join(tmp, 'c'), registry, platform: 'linux-x64', signal: controller.signal, onProgress }), InstallCancelled);
  assert.ok(progress.includes('chdb') && progress.includes(NATIVE), 'the cancel came mid-install');
  assert.equal(fs.existsSync(path.join(tmp, 'c')), false);
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.startsWith('c.partial-')), [], 'no staging folder is left');
});
