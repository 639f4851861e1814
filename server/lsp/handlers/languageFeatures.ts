// The standard LSP requests on a document: each is answered by a pure feature function.
import * as fs from 'node:fs';
import { codeActions } from '../../features/codeActions';
import { codeLenses } from '../../features/codeLens';
import { completion, resolveCompletion } from '../../features/completion';
import { definition } from '../../features/definition';
import { foldingRanges } from '../../features/folding';
import { documentHighlights } from '../../features/highlights';
import { hover } from '../../features/hover';
import { references } from '../../features/references';
import { prepareRename, rename } from '../../features/rename';
import { semanticTokens } from '../../features/semanticTokens';
import { signatureHelp } from '../../features/signatureHelp';
import { documentSymbols } from '../../features/symbols';
import { WORKSPACE_SYMBOLS_LIMIT, workspaceSymbols } from '../../features/workspaceSymbols';
import { offsetAt } from '../../parser/lines';
import { testFilesUnder } from '../../workspace/discovery';
import type { FilePosition, ServerContext } from '../context';
import { crossFileRequest } from '../crossFileRequest';

/** Requests whose answer depends on other files wait for the scan (`crossFileRequest`). */
export function registerLanguageFeatures(ctx: ServerContext): void {
  const { connection, session } = ctx;

  function at(uri: string, position: { line: number; character: number }): FilePosition | undefined {
    const file = session.facts(uri);
    return file && { file, offset: offsetAt(file.parsed.lineStarts, file.parsed.text.length, position) };
  }

  connection.onDocumentSymbol(({ textDocument }) => {
    const file = session.facts(textDocument.uri);
    return file ? documentSymbols(file) : [];
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const file = session.facts(textDocument.uri);
    return file ? foldingRanges(file) : [];
  });

  connection.onCodeAction(crossFileRequest(session, ({ textDocument, range }) => {
    const file = session.facts(textDocument.uri);
    if (!file) return [];
    return [...codeActions(ctx.featureContext(file).index, file, textDocument.uri, range, ctx.config.forFile(file.path)), ...ctx.contributors.flatMap((c) => c.codeActions(file, textDocument.uri, range))];
  }));

  connection.onHover(crossFileRequest(session, ({ textDocument, position }) => {
    const p = at(textDocument.uri, position);
    return p ? hover(ctx.featureContext(p.file), p.file, p.offset) : null;
  }));

  connection.onDefinition(crossFileRequest(session, ({ textDocument, position }) => {
    const p = at(textDocument.uri, position);
    return p ? definition(ctx.featureContext(p.file), p.file, p.offset) : [];
  }));

  connection.onReferences(crossFileRequest(session, ({ textDocument, position, context }) => {
    const p = at(textDocument.uri, position);
    return p ? references(ctx.featureContext(p.file), p.file, p.offset, context.includeDeclaration) : [];
  }));

  connection.onDocumentHighlight(crossFileRequest(session, ({ textDocument, position }) => {
    const p = at(textDocument.uri, position);
    return p ? documentHighlights(ctx.featureContext(p.file), p.file, p.offset) : [];
  }));

  // Each project's symbols, found in its own index.
  connection.onWorkspaceSymbol(crossFileRequest(session, ({ query }) => {
    return session.allProjects().flatMap(({ index }) => workspaceSymbols({ index, uriOf: (p) => session.uriOf(p) }, query)).slice(0, WORKSPACE_SYMBOLS_LIMIT);
  }));

  const renameOptions = () => ({
    canRenameFiles: ctx.client.renameFiles,
    exists: fs.existsSync,
    testFiles: () => session.workspaceFolders.flatMap((root) => testFilesUnder(root)).flatMap((file) => (fs.existsSync(file) ? [{ path: file, text: fs.readFileSync(file, 'utf8') }] : [])),
  });

  connection.onPrepareRename(crossFileRequest(session, ({ textDocument, position }) => {
    const p = at(textDocument.uri, position);
    return p ? prepareRename(ctx.featureContext(p.file), p.file, p.offset, renameOptions()) : null;
  }));

  connection.onRenameRequest(crossFileRequest(session, ({ textDocument, position, newName }) => {
    const p = at(textDocument.uri, position);
    return p ? rename(ctx.featureContext(p.file), p.file, p.offset, newName, renameOptions()) : null;
  }));

  connection.onCompletion(crossFileRequest(session, ({ textDocument, position, context }) => {
    const p = at(textDocument.uri, position);
    return p ? completion(ctx.featureContext(p.file), p.file, p.offset, context?.triggerCharacter) : [];
  }));

  connection.onCompletionResolve(resolveCompletion);

  connection.onSignatureHelp(({ textDocument, position }) => {
    const p = at(textDocument.uri, position);
    return p ? signatureHelp(p.file, p.offset) : null;
  });

  connection.onCodeLens(crossFileRequest(session, ({ textDocument }) => {
    const file = session.facts(textDocument.uri);
    return file ? codeLenses(ctx.featureContext(file), file) : [];
  }));

  connection.languages.semanticTokens.on(crossFileRequest(session, ({ textDocument }) => {
    const file = session.facts(textDocument.uri);
    return file ? semanticTokens(ctx.featureContext(file), file) : { data: [] };
  }));
}
