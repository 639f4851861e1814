// Which files fmt already found formatted: real path → hash of what formatting them depends on.
import { existsSync } from 'node:fs';
import { DEFAULT_LINE_LENGTH } from '../server/format';
import { CacheFile, isStringMap } from './cache';
import { hashOf } from './hash';

/**
 * What formatting a file depends on besides the line length: its bytes and the environment variables
 * it names (`$VAR`, `${VAR}`). Undefined for a file with INCLUDE lines, whose included files count too.
 */
export function formatInputs(text: string, contentHash: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^[ \t]*INCLUDE\b/im.test(text)) return undefined;
  const names = [...new Set(text.match(/\$\{?[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].map((m) => m.replace(/^\$\{?/, '')).sort();
  return names.length ? hashOf(contentHash, ...names.map((n) => `${n}=${env[n] ?? '\0unset'}`)) : contentHash;
}

export class FmtCache {
  private readonly store: CacheFile<Record<string, string>>;
  private readonly clean: Map<string, string>;
  private changed = false;

  constructor(lineLength = DEFAULT_LINE_LENGTH, dir?: string) {
    this.store = new CacheFile(`fmt-${lineLength}`, `line-length ${lineLength}`, dir);
    this.clean = new Map(Object.entries(this.store.read(isStringMap) ?? {}));
  }

  isClean(file: string, inputs: string | undefined): boolean {
    return inputs !== undefined && this.clean.get(file) === inputs;
  }

  markClean(file: string, inputs: string | undefined): void {
    if (inputs === undefined || this.clean.get(file) === inputs) return;
    this.clean.set(file, inputs);
    this.changed = true;
  }

  forget(file: string): void {
    this.changed = this.clean.delete(file) || this.changed;
  }

  /** Writes the entries back when they changed, without those of files that no longer exist. */
  save(): void {
    if (!this.changed) return;
    for (const file of this.clean.keys()) if (!existsSync(file)) this.clean.delete(file);
    this.store.write(Object.fromEntries(this.clean));
  }
}
