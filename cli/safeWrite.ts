// Reads a datafile for rewriting and writes it back without damaging it: strict UTF-8 like tb, the
// real path behind symlinks, the same owner, mode and hard links, read-only files left alone unless
// asked, and nothing written when the file changed since it was read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomHex, sha256 } from './hash';
import { utf8Error } from './utf8';

export interface Snapshot {
  ok: true;
  /** The file the link (if any) points to, absolute: what is written. */
  realPath: string;
  text: string;
  stat: fs.Stats;
  /** SHA-256 of the bytes read, computed when first asked for. */
  readonly hash: string;
}

export type ReadResult = Snapshot | { ok: false; error: string };

const reason = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The file's text as tb would read it, or why tb would not. */
export function readForRewrite(file: string): ReadResult {
  let realPath: string;
  let bytes: Buffer;
  let stat: fs.Stats;
  try {
    // only a link needs its target resolved (and stat'ed): a plain file's lstat is its stat
    stat = fs.lstatSync(file);
    realPath = path.resolve(file);
    if (stat.isSymbolicLink()) {
      realPath = fs.realpathSync.native(file);
      stat = fs.statSync(realPath);
    }
    bytes = fs.readFileSync(realPath);
  } catch (e) {
    return { ok: false, error: `cannot read: ${reason(e)}` };
  }
  const invalid = utf8Error(bytes);
  if (invalid) return { ok: false, error: invalid };
  let hash: string | undefined;
  return {
    ok: true,
    realPath,
    text: bytes.toString('utf8'),
    stat,
    get hash() {
      return (hash ??= sha256(bytes));
    },
  };
}

function isReadOnly(file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return true; // root may write anything; the mode still says "do not"
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function changedSince(snapshot: Snapshot): boolean {
  const now = fs.statSync(snapshot.realPath);
  if (now.size !== snapshot.stat.size || now.mtimeMs !== snapshot.stat.mtimeMs || now.ino !== snapshot.stat.ino) return true;
  return sha256(fs.readFileSync(snapshot.realPath)) !== snapshot.hash;
}

/** Overwrites the file itself: the only way to keep its hard links, and its owner when we cannot chown. */
function writeInPlace(file: string, text: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const bytes = Buffer.from(text, 'utf8');
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a new file next to the original with its owner and mode, then renames it over it. Returns
 * false (and leaves nothing behind) when the owner cannot be given to the copy. */
function replaceAtomically(file: string, text: string, stat: fs.Stats): boolean {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomHex(6)}.tb-fmt.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600); // exclusive: never follows or reuses an existing name
  try {
    fs.writeFileSync(fd, text, 'utf8');
    try {
      fs.fchownSync(fd, stat.uid, stat.gid);
    } catch {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      return false;
    }
    fs.fchmodSync(fd, stat.mode & 0o7777);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    return true;
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

export interface RewriteOptions {
  allowReadOnly?: boolean;
}

/** Writes `text` over the file read as `snapshot`; returns why it did not, or undefined when written. */
export function rewrite(snapshot: Snapshot, text: string, options: RewriteOptions = {}): string | undefined {
  const { realPath, stat } = snapshot;
  if (!options.allowReadOnly && isReadOnly(realPath, stat)) return 'read-only; not written (--allow-read-only writes it)';
  try {
    if (changedSince(snapshot)) return 'changed since it was read; not written (run fmt again)';
    if (stat.nlink > 1 || !replaceAtomically(realPath, text, stat)) writeInPlace(realPath, text);
    return undefined;
  } catch (e) {
    return `cannot write: ${reason(e)}`;
  }
}
