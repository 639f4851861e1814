// The content cache of fmt and check (like prettier --cache and ruff): results of unchanged inputs
// are reused. One JSON file per purpose under cacheDir(), written to a temporary file and renamed
// (so concurrent runs never see half a file; the last one wins), ignored when unreadable or corrupt.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERSION } from './common';
import { hashOf, randomHex } from './hash';

/** TB_DATAFILES_CACHE_DIR, else ./node_modules/.cache/tb-datafiles when ./node_modules exists, else $XDG_CACHE_HOME/tb-datafiles (~/.cache). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.TB_DATAFILES_CACHE_DIR) return path.resolve(env.TB_DATAFILES_CACHE_DIR);
  const modules = path.join(cwd, 'node_modules');
  if (fs.existsSync(modules)) return path.join(modules, '.cache', 'tb-datafiles');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tb-datafiles');
}

/**
 * The running tool: its version and the hash of the script holding this code (a bundle in dist/), so a
 * rebuild is a new tool while a reinstall of the same package (new file times, as in CI) is not.
 */
let stamp: string | undefined;

function toolStamp(): string {
  if (stamp === undefined) {
    try {
      stamp = `${VERSION}:${hashOf(fs.readFileSync(__filename, 'latin1'))}`;
    } catch {
      stamp = VERSION;
    }
  }
  return stamp;
}

export class CacheFile<T> {
  private readonly file: string;
  private readonly key: string;

  /** `name` picks the file, `key` the settings its data is valid for (the tool is always part of it). */
  constructor(name: string, key: string, dir = cacheDir()) {
    this.file = path.join(dir, `${name}.json`);
    this.key = hashOf(toolStamp(), key);
  }

  /** The stored data, or undefined when missing, corrupt or stored under other settings. */
  read(isData: (data: unknown) => data is T): T | undefined {
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { key?: unknown; data?: unknown };
      return stored && stored.key === this.key && isData(stored.data) ? stored.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores `data`; a cache that cannot be written is only slower, never an error. */
  write(data: T): void {
    writeCacheFile(this.file, JSON.stringify({ key: this.key, data }));
  }
}

/** Writes a cache file through a temporary file and a rename; failing to is only slower, never an error. */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${randomHex(4)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // the folder is not one (ENOTDIR): there is no temporary file either
    }
  }
}

/** A map of string to string, as the fmt cache stores it. */
export const isStringMap = (data: unknown): data is Record<string, string> =>
  typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'string');
