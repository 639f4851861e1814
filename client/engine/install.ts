// "Tinybird: Install Local Engine" without VS Code: the pinned chdb package and its native platform
// package fetched from the npm registry (undici), each tarball checked against the registry's
// `dist.integrity` (sha512) before it is unpacked, into `<dest>/node_modules`. The folder is
// replaced only once both packages are in place, so a failed or cancelled install leaves the old one.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { request } from 'undici';
import { TarExtractor } from './tar';
import { errorCodes } from '../tinybird/http';

export const CHDB_VERSION = '3.4.0';
export const NPM_REGISTRY = 'https://registry.npmjs.org';

/** chdb 3.4.0's native packages by `${process.platform}-${process.arch}` (no musl, no Windows). */
export const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'darwin-arm64': '@chdb/lib-darwin-arm64',
  'darwin-x64': '@chdb/lib-darwin-x64',
  'linux-x64': '@chdb/lib-linux-x64-gnu',
  'linux-arm64': '@chdb/lib-linux-arm64-gnu',
};

/** A reason the install cannot go on, worded for the user. */
export class EngineInstallError extends Error {}
export class InstallCancelled extends Error {}

export interface InstallOptions {
  /** The folder that will hold `node_modules/chdb` (the value of `tinybird.engine.path`). */
  dest: string;
  registry?: string;
  /** Default: this machine's `${process.platform}-${process.arch}`. */
  platform?: string;
  signal?: AbortSignal;
  /** Bytes received of the current package, and its size when the server says. */
  onProgress?: (what: string, received: number, total: number | undefined) => void;
}

interface PackageVersion {
  tarball: string;
  integrity: string;
  optionalDependencies: Record<string, string>;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function explain(e: unknown, registry: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new InstallCancelled('Install Local Engine was cancelled.');
  if (e instanceof EngineInstallError) return e;
  const code = errorCodes(e).find((c) => NETWORK_CODES.has(c));
  if (code) {
    return new EngineInstallError(`The npm registry (${registry}) cannot be reached (${code}): Install Local Engine needs the network once. Every other feature works without the engine; or set tinybird.engine.path to a folder with node_modules/chdb.`);
  }
  return new EngineInstallError(`Install Local Engine failed: ${e instanceof Error ? e.message : String(e)}`);
}

async function packageVersion(registry: string, name: string, version: string, signal?: AbortSignal): Promise<PackageVersion> {
  const url = `${registry}/${name.replace('/', '%2f')}/${version}`;
  const response = await request(url, { signal, headers: { accept: 'application/json' } });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new EngineInstallError(`The npm registry answered ${response.statusCode} for ${name}@${version}.`);
  }
  const json = (await response.body.json()) as { dist?: { tarball?: unknown; integrity?: unknown }; optionalDependencies?: Record<string, string> };
  const { tarball, integrity } = json.dist ?? {};
  if (typeof tarball !== 'string' || typeof integrity !== 'string') throw new EngineInstallError(`The npm registry's entry of ${name}@${version} has no tarball or integrity.`);
  return { tarball, integrity, optionalDependencies: json.optionalDependencies ?? {} };
}

/** Downloads into `file`, hashing on the way; throws unless the sha512 equals the registry's. */
async function download(name: string, pkg: PackageVersion, file: string, options: InstallOptions): Promise<void> {
  const expected = pkg.integrity.split(/\s+/).filter((i) => i.startsWith('sha512-'));
  if (!expected.length) throw new EngineInstallError(`The npm registry gives no sha512 integrity for ${name}.`);
  const response = await request(pkg.tarball, { signal: options.signal, maxRedirections: 3 });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new EngineInstallError(`Downloading ${name} failed: HTTP ${response.statusCode}.`);
  }
  const total = Number(response.headers['content-length']) || undefined;
  const hash = createHash('sha512');
  let received = 0;
  const out = fs.createWriteStream(file);
  try {
    await pipeline(
      response.body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          received += chunk.length;
          options.onProgress?.(name, received, total);
          yield chunk;
        }
      },
      out,
    );
  } catch (e) {
    // A cancelled pipeline rejects before the file is closed; removing the staging folder must not race it.
    if (!out.closed) await once(out, 'close');
    throw e;
  }
  const actual = `sha512-${hash.digest('base64')}`;
  if (!expected.includes(actual)) throw new EngineInstallError(`The download of ${name} does not match the npm registry's integrity (sha512): nothing was installed.`);
}

async function unpack(file: string, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await pipeline(fs.createReadStream(file), createGunzip(), new TarExtractor(dir));
}

/** Installs chdb and its platform package into `options.dest`; returns the folder. */
export async function installEngine(options: InstallOptions): Promise<string> {
  const registry = (options.registry ?? NPM_REGISTRY).replace(/\/+$/, '');
  const platform = options.platform ?? `${process.platform}-${process.arch}`;
  const native = PLATFORM_PACKAGES[platform];
  if (!native) {
    throw new EngineInstallError(`The embedded engine (chDB) has no build for ${platform} (only ${Object.keys(PLATFORM_PACKAGES).join(', ')}). Every other feature works without it.`);
  }
  const staging = `${options.dest}.partial-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    const chdb = await packageVersion(registry, 'chdb', CHDB_VERSION, options.signal);
    const nativeVersion = chdb.optionalDependencies[native];
    if (!nativeVersion) throw new EngineInstallError(`chdb ${CHDB_VERSION} does not list ${native}.`);
    const packages: [string, PackageVersion][] = [['chdb', chdb], [native, await packageVersion(registry, native, nativeVersion, options.signal)]];
    for (const [name, pkg] of packages) {
      const file = path.join(staging, `${name.replace('/', '-')}.tgz`);
      await download(name, pkg, file, options);
      await unpack(file, path.join(staging, 'node_modules', ...name.split('/')));
      fs.rmSync(file);
      options.signal?.throwIfAborted();
    }
    fs.rmSync(options.dest, { recursive: true, force: true });
    fs.renameSync(staging, options.dest);
    return options.dest;
  } catch (e) {
    throw explain(e, registry, options.signal);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
