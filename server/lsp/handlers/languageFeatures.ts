// The standard LSP requests on a document: each is answered by a pure feature function.
import { codeActions } from '../../features/codeActions';
import { codeLenses } from '../../features/codeLens';
import { completion } from '../../features/completion';
import { definition } from '../../features/definition';
import { foldingRanges } from '../../features/folding';
import { documentHighlights } from '../../features/highlights';
import { hover } from '../../features/hover';
import { references } from '../../features/references';
import { prepareRename, rename } from '../../features/rename';
import { semanticTokens } from '../../features/semanticTokens';
import { signatureHelp } from '../../features/signatureHelp';
import { documentSymbols } from '../../features/symbols';
import { workspaceSymbols } from '../../features/workspaceSymbols';
import { offsetAt } from '../../parser/lines';
import type { FilePosition, ServerContext } from '../context';

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

  connection.onCodeAction(({ textDocument, range }) => {
    const file = session.facts(textDocument.uri);
    if (!file) return [];
    return [...codeActions(session.index, file, textDocument.uri, range, ctx.config.forFile(file.path)), ...ctx.contributors.flatMap((c) => c.codeActions(file, textDocument.uri, range))];
  });

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
    return p ? prepareRename(session, p.file, p.offset, { canRenameFiles: ctx.client.renameFiles }) : null;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const p = at(textDocument.uri, position);
    return p ? rename(session, p.file, p.offset, newName, { canRenameFiles: ctx.client.renameFiles }) : null;
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
}
