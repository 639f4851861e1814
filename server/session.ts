// Server state: the workspace index, which documents the editor has open, and the URIs it uses.
// Features read from it; only the LSP wiring mutates it.
import type { FileFacts } from './workspace/facts';
import { WorkspaceIndex } from './workspace/index';
import { pathToUri, uriToPath } from './lsp/convert';

export class Session {
  readonly index = new WorkspaceIndex();
  /** URIs as the client spelled them, by path (they may differ from pathToFileURL's encoding). */
  private readonly clientUris = new Map<string, string>();
  readonly openPaths = new Set<string>();
  /** Bumped by every event that sets a file's text, so a slow disk read can tell it is stale. */
  private readonly revisions = new Map<string, number>();

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
}
