// Compiled SQL: read-only `tinybird-compiled:` documents with a node's SQL after the template engine
// (asked from the server), refreshed as the datafiles change and as the remembered parameter values change.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type CompiledSql, type CompiledSqlParams, type PipeInfo } from '../../server/protocol';
import { compiledPath, compiledText, targetOf } from '../tinybird/compiledView';
import { rememberedParams, scopeOfMemoryKey } from '../tinybird/params';
import type { ObservedMemory } from './observedMemory';
import { roleOf } from '../../server/workspace/fileRole';

export const COMPILED_SCHEME = 'tinybird-compiled';
/** Typing pauses this long before open compiled documents are asked again. */
const REFRESH_MS = 150;

export class CompiledSqlDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Compiled documents showing the resolved query rather than the node's own SQL. */
  private readonly resolved = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private refresh: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly memory: ObservedMemory,
  ) {
    const later = () => {
      clearTimeout(this.refresh);
      this.refresh = setTimeout(() => this.refreshAll(), REFRESH_MS);
    };
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.scheme === 'file' && roleOf(e.document.uri.path) && later()),
      memory.onDidUpdate((key) => scopeOfMemoryKey(key) !== undefined && later()),
    );
  }

  uriFor(source: string, node: string): vscode.Uri {
    return vscode.Uri.from({ scheme: COMPILED_SCHEME, ...compiledPath({ source, node }) });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = targetOf(uri.path, uri.query);
    if (!target) return '-- not a compiled SQL document\n';
    const resolved = this.resolved.has(uri.toString());
    const info = await this.client.sendRequest<PipeInfo | null>(Requests.pipeInfo, { uri: target.source });
    if (!info) return `-- ${target.source} is not a .pipe file of the workspace\n`;
    const params = rememberedParams(this.memory, info.name);
    const request: CompiledSqlParams = { uri: target.source, node: target.node, resolved, ...(Object.keys(params).length ? { params } : {}) };
    try {
      return compiledText(await this.client.sendRequest<CompiledSql>(Requests.compiledSql, request), target.node, resolved, params);
    } catch (err) {
      return `-- ${(err as Error).message}\n`;
    }
  }

  toggleResolved(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.resolved.delete(key)) this.resolved.add(key);
    this.changed.fire(uri);
  }

  private refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === COMPILED_SCHEME && !doc.isClosed) this.changed.fire(doc.uri);
  }

  dispose(): void {
    clearTimeout(this.refresh);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Opens (beside the pipe, keeping focus there) the compiled SQL of `node`. */
export async function showCompiledSql(documents: CompiledSqlDocuments, source: string, node: string): Promise<vscode.TextEditor> {
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(documents.uriFor(source, node)), 'sql');
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
}
