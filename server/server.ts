// LSP wiring only: every request is answered by a pure function of the language service.
import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  CodeLensRefreshRequest,
  SemanticTokensRefreshRequest,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigStore, PROJECT_CONFIG_FILE } from './diagnostics/config';
import { diagnoseFile } from './diagnostics/index';
import { RULE_IDS } from './diagnostics/registry';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { foldingRanges } from './features/folding';
import { documentHighlights } from './features/highlights';
import { hover } from './features/hover';
import { lineageGraph } from './features/lineageGraph';
import { nodeAt, pipeInfo } from './features/projectInfo';
import { pushDefinition, UnpushableFile } from './features/pushDefinition';
import { formatWithSettings, replaceAllEdits, type FormatResult, type FormatSettings } from './format/index';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { signatureHelp } from './features/signatureHelp';
import { documentSymbols } from './features/symbols';
import { workspaceSymbols } from './features/workspaceSymbols';
import { offsetAt } from './parser/lines';
import { uriToPath } from './lsp/convert';
import { ClientWatch } from './lsp/clientWatch';
import { DiagnosticsPublisher } from './lsp/diagnosticsPublisher';
import { PushDiagnostic, PushDiagnosticsParams, Requests } from './protocol';
import { Session } from './session';
import { findFilesNamed, readDatafile } from './workspace/discovery';
import { affectedFiles } from './workspace/affected';
import { roleOf } from './workspace/fileRole';
import { projectGraph } from './workspace/lineage';

const connection: Connection = createConnection(ProposedFeatures.all);
const clientWatch = new ClientWatch();
const documents = new TextDocuments(TextDocument);
const session = new Session({ maxFileBytes: (file) => diagnosticsConfig.forFile(file).maxFileBytes });
let roots: string[] = [];
let canRenameFiles = false;
const diagnosticsConfig = new ConfigStore(RULE_IDS);
let canPullConfiguration = false;
let canWatchFiles = false;
let canRefreshViews = { codeLens: false, semanticTokens: false };

connection.onInitialize((params: InitializeParams) => {
  clientWatch.watchClientProcess(params.processId);
  roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!roots.length && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) roots.push(root);
  }
  canRenameFiles = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('rename') ?? false;
  canPullConfiguration = params.capabilities.workspace?.configuration ?? false;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false;
  canRefreshViews = {
    codeLens: params.capabilities.workspace?.codeLens?.refreshSupport ?? false,
    semanticTokens: params.capabilities.workspace?.semanticTokens?.refreshSupport ?? false,
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      workspaceSymbolProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: ['.', ' ', '{', '%'] },
      signatureHelpProvider: { triggerCharacters: ['(', ','] },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentFormattingProvider: true,
    },
    serverInfo: { name: 'tinybird-datafiles' },
  };
});

/** Reads `tinybird.diagnostics` settings and the roots' tinybird-lint.json; problems go to the log. */
async function loadDiagnosticsConfig(): Promise<void> {
  let settings: unknown;
  try {
    settings = canPullConfiguration ? await connection.workspace.getConfiguration('tinybird.diagnostics') : undefined;
  } catch (e) {
    connection.console.warn(`tinybird.diagnostics settings could not be read, using the defaults: ${e instanceof Error ? e.message : e}`);
  }
  // Every project's tinybird-lint.json, not only the workspace roots': a file uses its nearest one,
  // as the check CLI does (e.g. a repository whose Tinybird project lives in a subfolder).
  const projectDirs = new Set(roots);
  for (const root of roots) for (const file of await findFilesNamed(root, PROJECT_CONFIG_FILE)) projectDirs.add(path.dirname(file));
  const problems = [...diagnosticsConfig.setSettings(settings), ...[...projectDirs].flatMap((dir) => diagnosticsConfig.loadProject(dir))];
  for (const problem of problems) connection.console.warn(problem);
}

connection.onInitialized(async () => {
  if (canWatchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PROJECT_CONFIG_FILE}` }] });
  }
  await loadDiagnosticsConfig();
  await session.loadFromDisk(roots);
  publish([...session.index.all()].map((f) => f.path));
});

// Lenses (reader counts) and semantic tokens of other files depend on the index too; editors are
// asked to refresh them once typing pauses.
let viewRefresh: NodeJS.Timeout | undefined;

function scheduleViewRefresh(): void {
  if (!canRefreshViews.codeLens && !canRefreshViews.semanticTokens) return;
  clearTimeout(viewRefresh);
  viewRefresh = setTimeout(() => {
    if (canRefreshViews.codeLens) void connection.sendRequest(CodeLensRefreshRequest.type);
    if (canRefreshViews.semanticTokens) void connection.sendRequest(SemanticTokensRefreshRequest.type);
  }, 300);
}

const publisher = new DiagnosticsPublisher({
  compute: (p) => {
    const file = session.index.get(p);
    return file ? diagnoseFile(session.index, file, diagnosticsConfig.forFile(p)) : [];
  },
  send: (p, diagnostics) => {
    const uri = session.uriOf(p);
    void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics });
    if (!session.index.get(p)) session.forget(p);
  },
  isOpen: (p) => session.openPaths.has(p),
  exists: (p) => session.index.get(p) !== undefined,
  onError: (p, error) => connection.console.error(`diagnostics of ${p} failed: ${error instanceof Error ? error.stack : error}`),
});

function publish(paths: Iterable<string>): void {
  scheduleViewRefresh();
  publisher.publish(paths);
}

function applyText(file: string, text: string): void {
  session.bump(file);
  if (session.index.text(file) === text) return; // e.g. the change event that follows every open
  const before = session.index.get(file);
  publish(affectedFiles(session.index, file, session.index.update(file, text), before));
}

function removeFile(file: string): void {
  session.bump(file);
  const before = session.index.get(file);
  publish(affectedFiles(session.index, file, session.index.remove(file), before));
}

/** Reads a file from disk and applies it, unless an editor or watcher event made the read stale. */
async function applyFromDisk(file: string): Promise<void> {
  const revision = session.revision(file);
  const text = await readDatafile(file);
  if (session.openPaths.has(file) || session.revision(file) !== revision) return;
  if (text === undefined) removeFile(file);
  else applyText(file, text);
}

documents.onDidOpen((e) => {
  const file = session.pathOf(e.document.uri);
  if (!file || !roleOf(file)) return;
  session.openPaths.add(file);
  if (session.index.text(file) !== e.document.getText()) applyText(file, e.document.getText());
  else publish([file]);
});

documents.onDidChangeContent((e) => {
  const file = session.pathOf(e.document.uri);
  if (file && roleOf(file)) applyText(file, e.document.getText());
});

documents.onDidClose((e) => {
  const file = session.pathOf(e.document.uri);
  if (!file) return;
  session.openPaths.delete(file);
  void applyFromDisk(file); // the editor's unsaved text is gone: the disk is the truth again
});

async function reconfigure(): Promise<void> {
  await loadDiagnosticsConfig();
  publish([...session.index.all()].map((f) => f.path));
}

connection.onDidChangeConfiguration(() => void reconfigure());

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  if (changes.some((c) => c.uri.endsWith(`/${PROJECT_CONFIG_FILE}`))) await reconfigure();
  for (const change of changes) {
    const file = uriToPath(change.uri);
    if (!file || !roleOf(file) || session.openPaths.has(file)) continue;
    if (change.type === FileChangeType.Deleted) removeFile(file);
    else await applyFromDisk(file);
  }
});

connection.onDocumentSymbol(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? documentSymbols(file) : [];
});

connection.onCodeAction(({ textDocument, range }) => {
  const file = session.facts(textDocument.uri);
  return file ? codeActions(session.index, file, textDocument.uri, range, diagnosticsConfig.forFile(file.path)) : [];
});

connection.onFoldingRanges(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? foldingRanges(file) : [];
});

/** Formats with the built-in formatter, or the user's `tb fmt` as `tinybird.format` says. */
async function formatText(text: string, fileName: string): Promise<FormatResult> {
  const settings: FormatSettings = canPullConfiguration ? ((await connection.workspace.getConfiguration('tinybird.format')) ?? {}) : {};
  return formatWithSettings(text, fileName, settings, roots);
}

connection.onDocumentFormatting(async ({ textDocument }) => {
  const document = documents.get(textDocument.uri);
  const file = session.pathOf(textDocument.uri);
  if (!document || !file) return [];
  const text = document.getText();
  const result = await formatText(text, file);
  if (!result.ok) {
    void connection.window.showWarningMessage(`Not formatted: ${result.error}`);
    return [];
  }
  return replaceAllEdits(text, result.text);
});

connection.onRequest(Requests.formatText, async ({ text, fileName }: { text: string; fileName: string }) => {
  const result = await formatText(text, fileName);
  if (!result.ok) return new ResponseError(ErrorCodes.InvalidParams, result.error);
  return { text: result.text };
});

connection.onRequest(Requests.projectGraph, () => projectGraph(session.index, (p) => session.uriOf(p)));

connection.onRequest(Requests.pipeInfo, ({ uri }: { uri: string }) => {
  const file = session.facts(uri);
  return file ? pipeInfo(session.index, file, uri) : null;
});

connection.onRequest(Requests.pushDefinition, ({ uri }: { uri: string }) => {
  const file = session.facts(uri);
  if (!file) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a datafile of this workspace`);
  try {
    return pushDefinition(session.index, file);
  } catch (e) {
    if (e instanceof UnpushableFile) return new ResponseError(ErrorCodes.InvalidParams, e.message);
    throw e;
  }
});

connection.onRequest(Requests.pushDiagnostics, ({ uris }: PushDiagnosticsParams): PushDiagnostic[] =>
  uris.flatMap((uri) => {
    const file = session.facts(uri);
    if (!file) return [];
    return diagnoseFile(session.index, file, diagnosticsConfig.forFile(file.path))
      .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
      .map((d) => ({ uri, line: d.range.start.line, severity: d.severity === DiagnosticSeverity.Error ? 'error' : 'warning', code: d.code === undefined ? '' : String(d.code), message: d.message }));
  }),
);

connection.onRequest(Requests.nodeAt, ({ uri, line }: { uri: string; line: number }) => {
  const file = session.facts(uri);
  return file ? nodeAt(file, line) : null;
});

/** The indexed file and offset of a text position. */
function at(uri: string, position: { line: number; character: number }) {
  const file = session.facts(uri);
  return file && { file, offset: offsetAt(file.parsed.lineStarts, file.parsed.text.length, position) };
}

connection.onHover(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? hover(session, p.file, p.offset) : null;
});

connection.onDefinition(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? definition(session, p.file, p.offset) : [];
});

connection.onReferences(({ textDocument, position, context }) => {
  const p = at(textDocument.uri, position);
  return p ? references(session, p.file, p.offset, context.includeDeclaration) : [];
});

connection.onDocumentHighlight(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? documentHighlights(session, p.file, p.offset) : [];
});

connection.onWorkspaceSymbol(({ query }) => workspaceSymbols(session, query));

connection.onPrepareRename(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? prepareRename(session, p.file, p.offset, { canRenameFiles }) : null;
});

connection.onRenameRequest(({ textDocument, position, newName }) => {
  const p = at(textDocument.uri, position);
  return p ? rename(session, p.file, p.offset, newName, { canRenameFiles }) : null;
});

connection.onCompletion(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? completion(session, p.file, p.offset) : [];
});

connection.onSignatureHelp(({ textDocument, position }) => {
  const p = at(textDocument.uri, position);
  return p ? signatureHelp(p.file, p.offset) : null;
});

connection.onCodeLens(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? codeLenses(session, file) : [];
});

connection.languages.semanticTokens.on(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? semanticTokens(session, file) : { data: [] };
});

connection.onRequest(Requests.lineageGraph, ({ uri, depth }: { uri: string; depth?: number }) => {
  const file = session.facts(uri);
  return file ? lineageGraph(session, file, depth) : null;
});

documents.listen(connection);
connection.listen();
