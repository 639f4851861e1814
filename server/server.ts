// LSP wiring only: every request is answered by a pure function of the language service.
import {
  createConnection,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseFile } from './diagnostics/index';
import { foldingRanges } from './features/folding';
import { nodeAt, pipeInfo } from './features/projectInfo';
import { documentSymbols } from './features/symbols';
import { uriToPath } from './lsp/convert';
import { Requests } from './protocol';
import { Session } from './session';
import { findDatafiles, readDatafile } from './workspace/discovery';
import { roleOf } from './workspace/facts';
import { projectGraph } from './workspace/lineage';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const session = new Session();
let roots: string[] = [];

connection.onInitialize((params: InitializeParams) => {
  roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!roots.length && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) roots.push(root);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'tinybird-datafiles' },
  };
});

connection.onInitialized(async () => {
  const files = (await Promise.all(roots.map(findDatafiles))).flat();
  const texts = await Promise.all(files.map(readDatafile));
  files.forEach((file, i) => {
    const text = texts[i];
    if (text !== undefined && !session.openPaths.has(file)) session.index.update(file, text);
  });
  publish([...session.index.all()].map((f) => f.path));
});

// Diagnostics are recomputed for the changed files and for every file that reads, writes or
// defines a name they touched; requests arriving in the same tick are coalesced.
const pending = new Set<string>();
let flushScheduled = false;

function publish(paths: Iterable<string>): void {
  for (const p of paths) pending.add(p);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    const batch = [...pending];
    pending.clear();
    for (const p of batch) {
      const file = session.index.get(p);
      const uri = session.uriOf(p);
      void connection.sendDiagnostics({ uri, diagnostics: file ? diagnoseFile(session.index, file) : [] });
    }
  });
}

function affected(changed: string, touched: Set<string>): Set<string> {
  const out = new Set([changed]);
  for (const name of touched) {
    for (const def of session.index.definitions(name)) out.add(def.path);
    for (const r of session.index.readersOf(name)) out.add(r.file.path);
    for (const w of session.index.writersOf(name)) out.add(w.file.path);
  }
  return out;
}

function applyText(file: string, text: string): void {
  publish(affected(file, session.index.update(file, text)));
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

documents.onDidClose(async (e) => {
  const file = session.pathOf(e.document.uri);
  if (!file) return;
  session.openPaths.delete(file);
  const disk = await readDatafile(file);
  if (disk === undefined) publish(affected(file, session.index.remove(file)));
  else if (disk !== session.index.text(file)) applyText(file, disk);
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    const file = uriToPath(change.uri);
    if (!file || !roleOf(file) || session.openPaths.has(file)) continue;
    if (change.type === FileChangeType.Deleted) {
      publish(affected(file, session.index.remove(file)));
    } else {
      const text = await readDatafile(file);
      if (text !== undefined) applyText(file, text);
    }
  }
});

connection.onDocumentSymbol(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? documentSymbols(file) : [];
});

connection.onFoldingRanges(({ textDocument }) => {
  const file = session.facts(textDocument.uri);
  return file ? foldingRanges(file) : [];
});

connection.onRequest(Requests.projectGraph, () => projectGraph(session.index, (p) => session.uriOf(p)));

connection.onRequest(Requests.pipeInfo, ({ uri }: { uri: string }) => {
  const file = session.facts(uri);
  return file ? pipeInfo(session.index, file, uri) : null;
});

connection.onRequest(Requests.nodeAt, ({ uri, line }: { uri: string; line: number }) => {
  const file = session.facts(uri);
  return file ? nodeAt(file, line) : null;
});

documents.listen(connection);
connection.listen();
