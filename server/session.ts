// Server state: one workspace index per Tinybird project (README "Projects"), which documents the
// editor has open, and the URIs it uses. Features read one project's index; the LSP wiring and the
// initial scan mutate them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { FileFacts } from './workspace/facts';
import { WorkspaceIndex, type IndexOptions } from './workspace/index';
import { isInside, projectRootOf } from './workspace/projectRoot';
import { pathToUri, uriToPath } from './lsp/convert';
import { findDatafiles, readDatafile } from './workspace/discovery';

/** One project's index and its root folder. */
export interface Project {
  root: string;
  index: WorkspaceIndex;
}

export class Session {
  private readonly projects = new Map<string, WorkspaceIndex>();
  /** Project root by folder (a file's project is its folder's). */
  private readonly rootOfDir = new Map<string, string>();
  /** Workspace folders: a project root is never searched above them. */
  private folders: readonly string[] = [];
  /** URIs as the client spelled them, by path (they may differ from pathToFileURL's encoding). */
  private readonly clientUris = new Map<string, string>();
  readonly openPaths = new Set<string>();

  /** Template parameter values per pipe path, as the client last sent them with a compiled SQL request. */
  private readonly parameterValuesByPipe = new Map<string, Readonly<Record<string, string>>>();

  /** Scans not finished yet: the initial one (pending from construction) and one per added folder. */
  private readonly scans = new Set<Promise<void>>();
  private readonly initialScan: Promise<void>;
  private endInitialScan!: () => void;

  constructor(
    private readonly indexOptions?: IndexOptions,
    private readonly exists: (file: string) => boolean = fs.existsSync,
  ) {
    this.initialScan = new Promise<void>((resolve) => (this.endInitialScan = resolve));
    this.scans.add(this.initialScan);
  }

  /** Whether every scan has finished, so the indexes hold every datafile of the workspace. */
  get indexed(): boolean {
    return this.scans.size === 0;
  }

  /** Resolves once every scan has finished (including scans started while waiting). */
  async whenIndexed(): Promise<void> {
    while (this.scans.size) await Promise.all(this.scans);
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Sets the workspace folders (which bound project roots); returns the projects whose files moved. */
  setWorkspaceFolders(folders: readonly string[]): Project[] {
    this.folders = [...folders];
    return this.regroup();
  }

  /** The root of the project `file` belongs to (projectRootOf, bounded by its workspace folder). */
  projectRoot(file: string): string {
    const dir = path.dirname(file);
    let root = this.rootOfDir.get(dir);
    if (root === undefined) {
      const folder = this.folders.filter((f) => isInside(dir, f)).sort((a, b) => b.length - a.length)[0];
      root = projectRootOf(dir, this.exists, folder);
      this.rootOfDir.set(dir, root);
    }
    return root;
  }

  /** The project of `file`, created empty when it has no file yet. */
  projectOf(file: string): Project {
    const root = this.projectRoot(file);
    let index = this.projects.get(root);
    if (!index) this.projects.set(root, (index = new WorkspaceIndex(this.indexOptions)));
    return { root, index };
  }

  /** Every project holding at least one file, by root. */
  allProjects(): Project[] {
    return [...this.projects].filter(([, index]) => index.size).map(([root, index]) => ({ root, index }));
  }

  /** The index of the project at `root`, if it holds a file. */
  projectAt(root: string): WorkspaceIndex | undefined {
    const index = this.projects.get(root);
    return index?.size ? index : undefined;
  }

  /** Every indexed file of every project. */
  allFiles(): FileFacts[] {
    return [...this.projects.values()].flatMap((index) => [...index.all()]);
  }

  get(file: string): FileFacts | undefined {
    return this.projects.get(this.projectRoot(file))?.get(file);
  }

  text(file: string): string | undefined {
    return this.projects.get(this.projectRoot(file))?.text(file);
  }

  /**
   * After a marker file (.tinyb, tinybird-lint.json, .env) may have appeared or gone: every file
   * whose project root changed moves to its new project's index. Returns the projects that changed.
   */
  regroup(): Project[] {
    const files = [...this.projects].flatMap(([root, index]) => [...index.all()].map((f) => ({ root, path: f.path, text: index.text(f.path)! })));
    this.rootOfDir.clear();
    const changed = new Map<string, WorkspaceIndex>();
    for (const file of files) {
      const target = this.projectOf(file.path);
      if (target.root === file.root) continue;
      const source = this.projects.get(file.root)!;
      source.remove(file.path);
      target.index.update(file.path, file.text);
      changed.set(file.root, source).set(target.root, target.index);
    }
    for (const [root, index] of this.projects) if (!index.size) this.projects.delete(root);
    return [...changed].map(([root, index]) => ({ root, index }));
  }

  /** Drops what is kept about a file that no longer exists. */
  forget(file: string): void {
    this.clientUris.delete(file);
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
    return file ? this.get(file) : undefined;
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
   * Indexes every datafile under the roots, a batch at a time, yielding between batches so requests
   * and edits are handled meanwhile. A file opened, changed or deleted meanwhile keeps that newer state.
   * The walk runs alongside `options.before` (e.g. loading the lint configuration); indexing waits for it.
   */
  private async scan(roots: readonly string[], { before, progress }: ScanOptions): Promise<void> {
    const [found] = await Promise.all([Promise.all(roots.map(findDatafiles)), before]);
    const files = found.flat();
    progress?.(0, files.length);
    for (let i = 0; i < files.length; i += READ_BATCH) {
      if (i > 0) await yieldToEvents();
      for (const file of files.slice(i, i + READ_BATCH)) {
        if (this.openPaths.has(file)) continue;
        const text = readDatafile(file);
        if (text !== undefined) this.projectOf(file).index.update(file, text);
      }
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
