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

  constructor(indexOptions?: IndexOptions) {
    this.index = new WorkspaceIndex(indexOptions);
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
   * Indexes every datafile under the roots, reading in batches (all at once would hold every file's
   * buffer at the same time). A file opened, changed or deleted meanwhile keeps that newer state.
   */
  async loadFromDisk(roots: readonly string[]): Promise<void> {
    const files = (await Promise.all(roots.map(findDatafiles))).flat();
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      const revisions = batch.map((file) => this.revision(file));
      const texts = await Promise.all(batch.map(readDatafile));
      batch.forEach((file, k) => {
        const text = texts[k];
        if (text !== undefined && this.revision(file) === revisions[k] && !this.openPaths.has(file)) this.index.update(file, text);
      });
    }
  }
}

const READ_BATCH = 64;
