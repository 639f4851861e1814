// "Tinybird: Show Lineage": asks the server for the current resource's lineage graph (depths up and
// down: 1, 2 or all), lays it out and shows it in a webview beside the editor; clicking a box opens its
// file, alt-click re-centres the graph on it, "+N more" boxes expand. "Tinybird: Show Column Lineage"
// (also the column hover's link) shows a SCHEMA column's path the same way. Also `tinybird.showReferences`,
// which the server's information code lenses use.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient, Location, Position } from 'vscode-languageclient/node';
import {
  Requests,
  type ColumnLineageParams,
  type ColumnLineageView,
  type LineageDepth,
  type LineageGraphParams,
  type LineageGraphView,
} from '../../server/protocol';
import { lineageHtml } from './html';
import { cutNotes, layoutLineage, type LineageGraph } from './layout';
import { roleOf } from '../../server/workspace/fileRole';

type Direction = 'upstream' | 'downstream';

type Message =
  | { type: 'ready' }
  | { type: 'open'; uri: string; line?: number }
  | { type: 'focus'; id: string }
  | { type: 'toggle'; layer: number }
  | { type: 'depth'; direction: Direction; depth: LineageDepth };

/** What the view shows: a resource's lineage, or the path of one of a datasource's columns. */
type Subject = { uri: string; column?: string };

/** Share of the window the view takes when it opens a group of its own beside the editor. */
const VIEW_WIDTH = 0.6;

export function registerLineage(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: LineagePanel | undefined;
  // The panel opens once there is something to show in it.
  const open = async (subject: Subject | ColumnLineageParams) => {
    if (panel) return panel.show(subject);
    const found = await fetchLineage(client, subject, DEFAULT_DEPTH);
    if (!found) return void vscode.window.showInformationMessage(noLineage(subject));
    panel = new LineagePanel(client, found, () => (panel = undefined));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinybird.showLineage', async (target?: vscode.Uri | string) => {
      const uri = target?.toString() ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!uri) return void vscode.window.showInformationMessage('Open a .datasource or .pipe file to show its lineage.');
      await open({ uri });
    }),
    // From the column hover (uri, column), or on the column at the cursor.
    vscode.commands.registerCommand('tinybird.showColumnLineage', async (uri?: string, column?: string) => {
      if (uri && column) return open({ uri, column });
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage('Put the cursor on a column to show its lineage.');
      const { line, character } = editor.selection.active;
      await open({ uri: editor.document.uri.toString(), position: { line, character } });
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

type Found = { subject: Subject; graph: LineageGraph; notes: string[]; title: string };

const DEFAULT_DEPTH: Record<Direction, LineageDepth> = { upstream: 2, downstream: 2 };

const isColumn = (subject: Subject | ColumnLineageParams) => 'position' in subject || subject.column !== undefined;

const noLineage = (subject: Subject | ColumnLineageParams) =>
  isColumn(subject)
    ? 'No column lineage: put the cursor on a column of a datasource or a column read in SQL.'
    : 'No lineage: the file is not a datasource or pipe of the workspace.';

/** Asks the server for a resource's lineage graph or a column's path. */
async function fetchLineage(client: LanguageClient, subject: Subject | ColumnLineageParams, depth: Record<Direction, LineageDepth>): Promise<Found | null> {
  if (isColumn(subject)) {
    const view = await client.sendRequest<ColumnLineageView | null>(Requests.columnLineage, subject satisfies ColumnLineageParams);
    if (!view) return null;
    const column = view.root.slice(view.root.indexOf('.') + 1);
    return { subject: { uri: subject.uri, column }, graph: view, notes: view.stops.map((s) => `stops: ${s}`), title: view.root };
  }
  const params: LineageGraphParams = { uri: subject.uri, ...depth };
  const view = await client.sendRequest<LineageGraphView | null>(Requests.lineageGraph, params);
  return view && { subject: { uri: subject.uri }, graph: view, notes: cutNotes(view), title: view.root };
}

class LineagePanel {
  private readonly panel: vscode.WebviewPanel;
  private subject: Subject = { uri: '' };
  private depth = DEFAULT_DEPTH;
  private graph: LineageGraph | null = null;
  private notes: string[] = [];
  private readonly expanded = new Set<number>();

  constructor(
    private readonly client: LanguageClient,
    first: Found,
    onDispose: () => void,
  ) {
    const groups = vscode.window.tabGroups.all.length;
    this.panel = vscode.window.createWebviewPanel('tinybird.lineage', 'Lineage', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    // Opened in a group of its own beside a single editor: give the graph the larger share of the window.
    const widen = groups === 1 ? vscode.window.tabGroups.onDidChangeTabGroups(() => {
      widen?.dispose();
      if (vscode.window.tabGroups.all.length === 2) void vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 1 - VIEW_WIDTH }, { size: VIEW_WIDTH }] });
    }) : undefined;
    this.panel.webview.html = lineageHtml(randomBytes(16).toString('base64'), this.panel.webview.cspSource);
    this.panel.webview.onDidReceiveMessage((m: Message) => void this.onMessage(m));
    this.panel.onDidDispose(() => {
      widen?.dispose();
      onDispose();
    });
    this.display(first);
  }

  /** Shows a resource's lineage or a column's path; says so when there is none. */
  async show(subject: Subject | ColumnLineageParams): Promise<void> {
    const found = await fetchLineage(this.client, subject, this.depth);
    if (!found) return void vscode.window.showInformationMessage(noLineage(subject));
    this.display(found);
    this.panel.reveal(undefined, true);
  }

  /**
   * Shows another resource without taking focus or moving the panel; a file with no lineage leaves the
   * view as it is, and so does a file of the column path shown (opened from it, most likely).
   */
  async follow(uri: string): Promise<void> {
    if (uri === this.subject.uri && !this.subject.column) return;
    if (this.subject.column && this.graph?.nodes.some((n) => n.uri === uri)) return;
    const found = await fetchLineage(this.client, { uri }, this.depth);
    if (found) this.display(found);
  }

  private display(found: Found): void {
    if (found.subject.uri !== this.subject.uri || found.subject.column !== this.subject.column) this.expanded.clear();
    this.subject = found.subject;
    this.graph = found.graph;
    this.notes = found.notes;
    this.panel.title = `Lineage · ${found.title}`;
    this.post(true);
  }

  /** `recentre`: a new graph, so the webview scrolls to its focused box (not when a column was expanded). */
  private post(recentre = false): void {
    if (!this.graph) return;
    const layout = layoutLineage(this.graph, this.expanded, this.notes);
    const mode = this.subject.column ? 'column' : 'resource';
    void this.panel.webview.postMessage({ type: 'layout', layout, title: this.graph.root, mode, depth: this.depth, recentre });
  }

  private async onMessage(m: Message): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.post(true);
      case 'open': {
        const selection = m.line === undefined ? undefined : new vscode.Range(m.line, 0, m.line, 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { viewColumn: vscode.ViewColumn.One, selection });
        return;
      }
      case 'focus': {
        const node = this.graph?.nodes.find((n) => n.id === m.id);
        if (!node) return;
        if (node.kind === 'column') return this.show({ uri: node.uri, column: node.id.slice(node.id.indexOf('.') + 1) });
        return this.show({ uri: node.uri });
      }
      case 'toggle':
        if (!this.expanded.delete(m.layer)) this.expanded.add(m.layer);
        return this.post();
      case 'depth': {
        if (m.direction !== 'upstream' && m.direction !== 'downstream') return;
        this.depth = { ...this.depth, [m.direction]: m.depth === 'all' ? 'all' : Math.max(1, Math.min(10, Math.floor(m.depth))) };
        this.expanded.clear();
        const found = await fetchLineage(this.client, { uri: this.subject.uri }, this.depth);
        if (found) this.display(found);
        return;
      }
    }
  }
}
