// Document symbols: nodes of a pipe; SCHEMA columns, INDEXES and engine settings of a datasource.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { DatafileNode, Span } from '../parser/ast';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';

export function documentSymbols(file: FileFacts): DocumentSymbol[] {
  const lineStarts = file.parsed.lineStarts;
  const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || '(unnamed)',
    kind,
    detail,
    range: toRange(lineStarts, span),
    selectionRange: toRange(lineStarts, selection),
    children,
  });
  const nodeParts = (node: DatafileNode): DocumentSymbol[] => {
    const parts: DocumentSymbol[] = [];
    if (node.schema) {
      const columns = node.schema.columns.map((c) =>
        symbol(c.name, SymbolKind.Field, c.span, c.nameSpan, (c.nullable ? `Nullable(${c.type})` : c.type) + (c.jsonPath ? ` ${c.jsonPath}` : '')),
      );
      parts.push(symbol('SCHEMA', SymbolKind.Struct, node.schema.command.span, node.schema.command.keyword, `${columns.length} columns`, columns));
    }
    if (node.indexes) {
      const indexes = node.indexes.indexes.map((i) => symbol(i.name, SymbolKind.Key, i.span, i.span, `${i.expr} TYPE ${i.typeFull}`));
      parts.push(symbol('INDEXES', SymbolKind.Namespace, node.indexes.command.span, node.indexes.command.keyword, undefined, indexes));
    }
    if (node.engine?.type || node.engine?.args.length) {
      const args = node.engine.args.map((a) => symbol(`ENGINE_${a.name.toUpperCase()}`, SymbolKind.Property, a.command.span, a.command.keyword, a.value));
      const anchor = node.engine.type?.command ?? node.engine.args[0].command;
      parts.push(symbol('ENGINE', SymbolKind.Property, anchor.span, anchor.keyword, node.engine.type?.value, args));
    }
    return parts;
  };
  if (file.role === 'datasource') return file.parsed.nodes.flatMap(nodeParts);
  const symbols: DocumentSymbol[] = [];
  for (const facts of file.nodes) {
    const node = facts.node;
    if (!node.command) {
      symbols.push(...nodeParts(node));
      continue;
    }
    const detail = facts.type + (facts.target ? ` → ${facts.target.name}` : '');
    symbols.push(symbol(node.name, SymbolKind.Function, node.span, node.nameSpan ?? node.command.keyword, detail, nodeParts(node)));
  }
  return symbols;
}
