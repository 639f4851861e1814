// "Tinybird: Show Lineage": asks the server for the current resource's lineage graph, lays it out and
// shows it in a webview; clicking a box opens its file, alt-click re-centres the graph on it, "+N
// more" boxes expand. Also `tinybird.showReferences`, which the server's information code lenses use.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient, Location, Position } from 'vscode-languageclient/node';
import { Requests, type LineageGraphView } from '../../server/protocol';
import { lineageHtml } from './html';
import { layoutLineage } from './layout';
import { roleOf } from '../../server/workspace/fileRole';

const DEFAULT_DEPTH = 3;

type Message = { type: 'ready' } | { type: 'open'; uri: string } | { type: 'focus'; uri: string } | { type: 'toggle'; layer: number } | { type: 'depth'; depth: number };

export function registerLineage(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: LineagePanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('tinybird.showLineage', async (target?: vscode.Uri) => {
      const uri = target ?? vscode.window.activeTextEditor?.document.uri;
      if (!uri) return void vscode.window.showInformationMessage('Open a .datasource or .pipe file to show its lineage.');
      panel ??= new LineagePanel(client, () => (panel = undefined));
      await panel.show(uri.toString());
    }),
    // The open view follows the active editor's datasource or pipe.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const uri = editor?.document.uri;
      if (panel && uri && (roleOf(uri.path) === 'datasource' || roleOf(uri.path) === 'pipe')) void panel.follow(uri.toString());
    }),
    vscode.commands.registerCommand('tinybird.showReferences', (uri: string, position: Position, locations: Location[]) =>
      vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        client.protocol2CodeConverter.asPosition(position),
        locations.map((l) => client.protocol2CodeConverter.asLocation(l)),
      ),
    ),
  );
}

class LineagePanel {
  private readonly panel: vscode.WebviewPanel;
  private uri = '';
  private depth = DEFAULT_DEPTH;
  private view: LineageGraphView | null = null;
  private readonly expanded = new Set<number>();

  constructor(
    private readonly client: LanguageClient,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel('tinybird.lineage', 'Lineage', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    this.panel.webview.html = lineageHtml(randomBytes(16).toString('base64'), this.panel.webview.cspSource);
    this.panel.webview.onDidReceiveMessage((m: Message) => void this.onMessage(m));
    this.panel.onDidDispose(onDispose);
  }

  async show(uri: string): Promise<void> {
    this.uri = uri;
    this.expanded.clear();
    await this.refresh();
    this.panel.reveal(undefined, true);
  }

  /** Shows another resource without taking focus or moving the panel; a file with no lineage leaves the view as it is. */
  async follow(uri: string): Promise<void> {
    if (uri === this.uri) return;
    const view = await this.client.sendRequest<LineageGraphView | null>(Requests.lineageGraph, { uri, depth: this.depth });
    if (!view) return;
    this.uri = uri;
    this.expanded.clear();
    this.display(view);
  }

  private async refresh(): Promise<void> {
    const view = await this.client.sendRequest<LineageGraphView | null>(Requests.lineageGraph, { uri: this.uri, depth: this.depth });
    if (!view) return void vscode.window.showInformationMessage('No lineage: the file is not a datasource or pipe of the workspace.');
    this.display(view);
  }

  private display(view: LineageGraphView): void {
    this.view = view;
    this.panel.title = `Lineage · ${view.root}`;
    this.post();
  }

  private post(): void {
    if (!this.view) return;
    const layout = layoutLineage(this.view, this.expanded);
    void this.panel.webview.postMessage({ type: 'layout', layout, title: this.view.root, depth: this.depth });
  }

  private async onMessage(m: Message): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.post();
      case 'open':
        await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { viewColumn: vscode.ViewColumn.One });
        return;
      case 'focus':
        return this.show(m.uri);
      case 'toggle':
        if (!this.expanded.delete(m.layer)) this.expanded.add(m.layer);
        return this.post();
      case 'depth':
        this.depth = Math.max(1, Math.min(10, m.depth));
        this.expanded.clear();
        return this.refresh();
    }
  }
}
