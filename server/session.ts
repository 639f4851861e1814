// Server state: the workspace index, which documents the editor has open, and the URIs it uses.
// Features read from it; the LSP wiring and the initial scan mutate it.
import type { FileFacts } from './workspace/facts';
import { WorkspaceIndex, type IndexOptions } from './workspace/index';
import { pathToUri, uriToPath } from './lsp/convert';
import { findDatafiles, readDatafile } from './workspace/discovery';

export class Session {
  readonly index: WorkspaceIndex;
  /** URIs as the client spelled them, by path (they may differ from pathToFileURL's encoding). */
  private readonly clientUris = new Map<string, string>();
  readonly openPaths = new Set<string>();
  /** Bumped by every event that sets a file's text, so a slow disk read can tell it is stale. */
  private readonly revisions = new Map<string, number>();

  /** Template parameter values per pipe path, as the client last sent them with a compiled SQL request. */
  private readonly parameterValuesByPipe = new Map<string, Readonly<Record<string, string>>>();

  /** Scans not finished yet: the initial one (pending from construction) and one per added folder. */
  private readonly scans = new Set<Promise<void>>();
  private readonly initialScan: Promise<void>;
  private endInitialScan!: () => void;

  constructor(indexOptions?: IndexOptions) {
    this.index = new WorkspaceIndex(indexOptions);
    this.initialScan = new Promise<void>((resolve) => (this.endInitialScan = resolve));
    this.scans.add(this.initialScan);
  }

  /** Whether every scan has finished, so the index holds every datafile of the workspace. */
  get indexed(): boolean {
    return this.scans.size === 0;
  }

  /** Resolves once every scan has finished (including scans started while waiting). */
  async whenIndexed(): Promise<void> {
    while (this.scans.size) await Promise.all(this.scans);
  }

  /** `handler`, answering only once every scan has finished: for requests whose answer depends on other files. */
  afterIndexing<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => Promise<R> {
    return async (...args) => {
      await this.whenIndexed();
      return handler(...args);
    };
  }

  revision(file: string): number {
    return this.revisions.get(file) ?? 0;
  }

  bump(file: string): void {
    this.revisions.set(file, this.revision(file) + 1);
  }

  /** Drops what is kept about a file that no longer exists. */
  forget(file: string): void {
    this.clientUris.delete(file);
    this.revisions.delete(file);
    this.parameterValuesByPipe.delete(file);
  }

  /** Remembers the parameter values a pipe was last rendered with; none (no request) forgets them. */
  setParameterValues(pipe: string, values: Readonly<Record<string, string>> | undefined): void {
    if (values && Object.keys(values).length) this.parameterValuesByPipe.set(pipe, values);
    else this.parameterValuesByPipe.delete(pipe);
  }

  parameterValues(pipe: FileFacts): Readonly<Record<string, string>> | undefined {
    return this.parameterValuesByPipe.get(pipe.path);
  }

  uriOf(file: string): string {
    return this.clientUris.get(file) ?? pathToUri(file);
  }

  pathOf(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file) this.clientUris.set(file, uri);
    return file;
  }

  facts(uri: string): FileFacts | undefined {
    const file = this.pathOf(uri);
    return file ? this.index.get(file) : undefined;
  }

  /**
   * The initial scan: indexes every datafile under the roots (see `scan`), then marks the session
   * indexed. Called once; it ends the readiness state even when the scan fails.
   */
  async loadFromDisk(roots: readonly string[], options: ScanOptions = {}): Promise<void> {
    try {
      await this.scan(roots, options);
    } finally {
      this.scans.delete(this.initialScan);
      this.endInitialScan();
    }
  }

  /** Indexes a folder added to the workspace; requests wait for it like for the initial scan. */
  async addRoot(root: string, options: ScanOptions = {}): Promise<void> {
    const scan = this.scan([root], options);
    const tracked = scan.catch(() => undefined).then(() => void this.scans.delete(tracked));
    this.scans.add(tracked);
    await scan;
  }

  /**
   * Indexes every datafile under the roots, reading in batches (all at once would hold every file's
   * buffer at the same time). A file opened, changed or deleted meanwhile keeps that newer state.
   * The walk runs alongside `options.before` (e.g. loading the lint configuration); indexing waits for it.
   */
  private async scan(roots: readonly string[], { before, progress }: ScanOptions): Promise<void> {
    const [found] = await Promise.all([Promise.all(roots.map(findDatafiles)), before]);
    const files = found.flat();
    progress?.(0, files.length);
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      const revisions = batch.map((file) => this.revision(file));
      const texts = await Promise.all(batch.map(readDatafile));
      batch.forEach((file, k) => {
        const text = texts[k];
        if (text !== undefined && this.revision(file) === revisions[k] && !this.openPaths.has(file)) this.index.update(file, text);
      });
      progress?.(Math.min(i + READ_BATCH, files.length), files.length);
    }
  }
}

export interface ScanOptions {
  /** Work the indexing waits for, run alongside the file walk. */
  before?: Promise<unknown>;
  /** Called with the files indexed so far and the files found. */
  progress?: (done: number, total: number) => void;
}

const READ_BATCH = 64;
