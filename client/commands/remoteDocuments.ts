// Read-only documents holding pulled datafiles, so Pull can diff without writing any file.
import * as vscode from 'vscode';

export const REMOTE_SCHEME = 'tinybird-remote';

export class RemoteDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REMOTE_SCHEME, path: `/${name}` });
    this.texts.set(uri.path, text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }
}
