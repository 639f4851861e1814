// A streaming reader of npm package tarballs (ustar with pax and GNU long names): regular files and
// folders are written under a destination folder, without the leading `package/`; links and
// entries that would land outside the folder are refused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';

const BLOCK = 512;

interface Entry {
  kind: 'file' | 'skip' | 'meta';
  remaining: number;
  padding: number;
  fd?: number;
  /** Body of a pax header or GNU long name. */
  meta?: Buffer[];
  type?: string;
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** The place of an archive path under `root`, or undefined for one that would escape it. */
function placeOf(root: string, archivePath: string): string | undefined {
  const parts = archivePath.split('/').filter((p) => p && p !== '.');
  parts.shift(); // npm's `package/`
  if (parts.some((p) => p === '..') || path.isAbsolute(archivePath)) return undefined;
  return path.join(root, ...parts);
}

export class TarExtractor extends Writable {
  private pending: Buffer = Buffer.alloc(0);
  private entry?: Entry;
  private nextPath?: string;
  private ended = false;

  constructor(private readonly root: string) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      this.consume();
      done();
    } catch (e) {
      this.closeFile();
      done(e as Error);
    }
  }

  override _final(done: (error?: Error | null) => void): void {
    this.closeFile();
    done(this.entry || !this.ended ? new Error('the archive is truncated') : null);
  }

  private closeFile(): void {
    if (this.entry?.fd !== undefined) fs.closeSync(this.entry.fd);
    if (this.entry) this.entry.fd = undefined;
  }

  private consume(): void {
    for (;;) {
      if (this.ended) {
        this.pending = Buffer.alloc(0);
        return;
      }
      if (!this.entry) {
        if (this.pending.length < BLOCK) return;
        const header = this.pending.subarray(0, BLOCK);
        this.pending = this.pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          this.ended = true;
          continue;
        }
        this.begin(header);
        continue;
      }
      const entry = this.entry;
      if (entry.remaining > 0) {
        const take = Math.min(entry.remaining, this.pending.length);
        if (!take) return;
        const data = this.pending.subarray(0, take);
        if (entry.fd !== undefined) fs.writeSync(entry.fd, data);
        else if (entry.meta) entry.meta.push(Buffer.from(data));
        this.pending = this.pending.subarray(take);
        entry.remaining -= take;
        if (entry.remaining > 0) return;
      }
      if (this.pending.length < entry.padding) return;
      this.pending = this.pending.subarray(entry.padding);
      this.finish(entry);
    }
  }

  private begin(header: Buffer): void {
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) throw new Error('the archive has a corrupt header');
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const name = this.nextPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    this.nextPath = undefined;
    const entry: Entry = { kind: 'skip', remaining: size, padding: (BLOCK - (size % BLOCK)) % BLOCK, type };
    if (type === 'x' || type === 'L') {
      entry.kind = 'meta';
      entry.meta = [];
    } else if (type === '0' || type === '7' || type === '5') {
      const place = placeOf(this.root, name);
      if (!place) throw new Error(`the archive has an entry outside its folder: ${name}`);
      if (type === '5') fs.mkdirSync(place, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(place), { recursive: true });
        const mode = parseInt(text(header, 100, 8).trim() || '644', 8) & 0o111 ? 0o755 : 0o644;
        entry.kind = 'file';
        entry.fd = fs.openSync(place, 'w', mode);
      }
    }
    this.entry = entry;
  }

  private finish(entry: Entry): void {
    this.closeFile();
    this.entry = undefined;
    if (!entry.meta) return;
    const body = Buffer.concat(entry.meta).toString('utf8');
    if (entry.type === 'L') this.nextPath = body.replace(/\0+$/, '');
    else for (const m of body.matchAll(/\d+ path=([^\n]*)\n/g)) this.nextPath = m[1];
  }
}
