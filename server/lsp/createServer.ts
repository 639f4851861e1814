// The composition root: builds one server's state and wires every LSP request to its handler
// module. Everything lives in this call, so a test can create as many servers as it likes.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  SemanticTokensRefreshRequest,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigStore } from '../diagnostics/config';
import { diagnoseFiles } from '../diagnostics/index';
import { RULE_IDS } from '../diagnostics/registry';
import { RULE_MEMO_CHARS, TextMemo } from '../diagnostics/support/textMemo';
import { SEMANTIC_TOKENS_LEGEND } from '../features/semanticTokens';
import { Session } from '../session';
import type { WorkspaceIndex } from '../workspace/index';
import { ClientWatch } from './clientWatch';
import { NO_ABILITIES, type ServerContext } from './context';
import { uriToPath } from './convert';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { registerAppendFixtureLocally } from './handlers/appendFixtureLocally';
import { registerCustomRequests } from './handlers/customRequests';
import { registerDocumentSync } from './handlers/documentSync';
import { registerEngineDiagnostics } from './handlers/engineDiagnostics';
import { registerFormatting } from './handlers/formatting';
import { registerLanguageFeatures } from './handlers/languageFeatures';
import { registerPipeTests } from './handlers/pipeTests';
import { registerLineageRequests } from './handlers/lineageRequests';
import { registerRunLocally } from './handlers/runLocally';
import { registerTemplateRequests } from './handlers/templateRequests';
import { ProjectEngines } from './projectEngines';

/** Lenses (reader counts) and semantic tokens of other files depend on the index too: refreshed once typing pauses. */
const VIEW_REFRESH_MS = 300;

export interface ServerOptions {
  /** Runs once, when the initial scan has ended and its diagnostics are all sent. */
  onSettled?: () => void;
}

export function createServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const clientWatch = new ClientWatch();
  const documents = new TextDocuments(TextDocument);
  const config: ConfigStore = new ConfigStore(RULE_IDS, (file) => session.projectRoot(file));
  const ruleMemo = new TextMemo(RULE_MEMO_CHARS);
  const session: Session = new Session({ maxFileBytes: (file) => config.forFile(file).maxFileBytes });
  let viewRefresh: NodeJS.Timeout | undefined;
  /** Files to publish once the scan ends. */
  const withheld = new Set<string>();

  const publisher = new DiagnosticsPublisher({
    compute: (paths) => {
      const files = paths.map((p) => session.get(p)!);
      return ctx.diagnose(files).map((found, i) => [...found, ...ctx.contributors.flatMap((c) => c.diagnostics(paths[i]))]);
    },
    send: (p, diagnostics) => {
      const uri = session.uriOf(p);
      void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics });
      if (!session.get(p)) session.forget(p);
    },
    isOpen: (p) => session.openPaths.has(p),
    exists: (p) => session.get(p) !== undefined,
    onError: (p, error) => connection.console.error(`diagnostics of ${p} failed: ${error instanceof Error ? error.stack : error}`),
  });

  function scheduleViewRefresh(): void {
    if (!ctx.client.refreshCodeLens && !ctx.client.refreshSemanticTokens) return;
    clearTimeout(viewRefresh);
    viewRefresh = setTimeout(() => {
      if (ctx.client.refreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type);
      if (ctx.client.refreshSemanticTokens) void connection.sendRequest(SemanticTokensRefreshRequest.type);
    }, VIEW_REFRESH_MS);
  }

  const ctx: ServerContext = {
    connection,
    documents,
    session,
    config,
    client: NO_ABILITIES,
    diagnose(files) {
      // Each project's files in one batch, against that project's index.
      const out: Diagnostic[][] = new Array(files.length);
      const byProject = new Map<WorkspaceIndex, number[]>();
      files.forEach((file, i) => {
        const { index } = session.projectOf(file.path);
        byProject.set(index, [...(byProject.get(index) ?? []), i]);
      });
      for (const [index, at] of byProject) {
        diagnoseFiles(index, at.map((i) => files[i]), (f) => config.forFile(f.path), ruleMemo).forEach((found, k) => (out[at[k]] = found));
      }
      return out;
    },
    featureContext: (file) => ({ index: session.projectOf(file.path).index, options: config.forFile(file.path).options, uriOf: (p) => session.uriOf(p), parameterValues: (pipe) => session.parameterValues(pipe) }),
    publish(paths) {
      // Until every file is indexed, cross-file rules would report names that merely are not read
      // yet: the files wait for the scan's end.
      if (!session.indexed) {
        if (!withheld.size) void session.whenIndexed().then(() => {
            const held = [...withheld];
            withheld.clear();
            ctx.publish(held);
          });
        for (const p of paths) withheld.add(p);
        return;
      }
      scheduleViewRefresh();
      const list = [...paths];
      publisher.publish(list);
      for (const c of ctx.contributors) c.changed(list);
    },
    contributors: [],
    resend: (paths) => publisher.publish(paths),
  };

  connection.onInitialize((params: InitializeParams) => {
    clientWatch.watchClientProcess(params.processId);
    session.setWorkspaceFolders(workspaceRoots(params));
    const workspace = params.capabilities.workspace;
    ctx.client = {
      renameFiles: workspace?.workspaceEdit?.resourceOperations?.includes('rename') ?? false,
      pullConfiguration: workspace?.configuration ?? false,
      watchFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false,
      refreshCodeLens: workspace?.codeLens?.refreshSupport ?? false,
      refreshSemanticTokens: workspace?.semanticTokens?.refreshSupport ?? false,
      workspaceFolders: workspace?.workspaceFolders ?? false,
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
        completionProvider: { triggerCharacters: ['.', ' ', '{', '%'], resolveProvider: true },
        signatureHelpProvider: { triggerCharacters: ['(', ','] },
        codeLensProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tinybird-datafiles' },
    };
  });

  registerDocumentSync(ctx);
  registerFormatting(ctx);
  registerLanguageFeatures(ctx);
  registerCustomRequests(ctx);
  registerLineageRequests(ctx);
  const engines = new ProjectEngines(ctx);
  registerEngineDiagnostics(ctx, engines);
  registerRunLocally(ctx, engines);
  registerPipeTests(ctx);
  registerAppendFixtureLocally(ctx);
  registerTemplateRequests(ctx);

  documents.listen(connection);
  if (options.onSettled) {
    const settled = options.onSettled;
    void session.whenIndexed().then(() => publisher.whenIdle()).then(settled);
  }
  return ctx;
}

function workspaceRoots(params: InitializeParams): string[] {
  const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!roots.length && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) roots.push(root);
  }
  return roots;
}
