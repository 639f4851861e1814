// The command bundles (dist/cli-fmt.js, dist/cli-tools.js) are loaded through a V8 code cache kept in
// the cache folder, so that a run skips parsing and compiling most of their code (Node 20 has no
// module.enableCompileCache). One file per bundle: a header naming the node build and the bundle's
// content, then V8's data and its checksum; a file that does not match is recompiled and replaced.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { cacheDir, writeCacheFile } from './cache';
import { hashOf, sha256 } from './hash';

const MAGIC = 'tb-datafiles code cache 1\n';
const HASH_LENGTH = 64;

export interface LoadedBundle {
  exports: unknown;
  /** V8 accepted the cached code (false: none, stale or corrupt; compiled from source). */
  fromCache: boolean;
  /** Stores the code compiled so far (including the functions the run compiled) unless it came from the cache. */
  save(): void;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/** The cached data for `key`, or undefined when missing, for another key or damaged (V8 itself checks only the source length). */
function readCache(file: string, key: string): Buffer | undefined {
  try {
    const data = fs.readFileSync(file);
    const keyAt = MAGIC.length;
    const sumAt = keyAt + HASH_LENGTH;
    const payload = data.subarray(sumAt + HASH_LENGTH);
    if (data.toString('latin1', 0, keyAt) !== MAGIC || data.toString('latin1', keyAt, sumAt) !== key) return undefined;
    return data.toString('latin1', sumAt, sumAt + HASH_LENGTH) === sha256(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the CommonJS bundle `file` (as require would) with the code cache of folder `dir`. */
export function loadBundle(file: string, dir = cacheDir()): LoadedBundle {
  const source = fs.readFileSync(file, 'utf8');
  const key = hashOf(process.version, process.arch, source);
  const cacheFile = path.join(dir, `code-${path.basename(file, '.js')}.bin`);
  const cachedData = readCache(cacheFile, key);
  // the wrapper keeps the bundle's line numbers (stack traces, source maps)
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as CommonJsWrapper).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    fromCache,
    save() {
      if (fromCache) return;
      const data = script.createCachedData();
      writeCacheFile(cacheFile, Buffer.concat([Buffer.from(MAGIC + key + sha256(data), 'latin1'), data]));
    },
  };
}
