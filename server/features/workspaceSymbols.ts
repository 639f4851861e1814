// Workspace symbols: datasources, pipes and nodes whose name matches the query as a subsequence.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import { nodeAnchor, type FeatureContext } from './context';

export const WORKSPACE_SYMBOLS_LIMIT = 500;

/** Case-insensitive subsequence match (`lcds` matches `leaderboards_copy_ds`). */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (let k = 0; k < n.length && i < q.length; k++) if (n[k] === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(ctx: FeatureContext, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const file of ctx.index.all()) {
    const uri = ctx.uriOf(file.path);
    if (file.role !== 'include' && fuzzyMatch(query, file.name)) {
      out.push({
        name: file.name,
        kind: file.role === 'datasource' ? SymbolKind.Struct : SymbolKind.Module,
        location: { uri, range: toRange(file.parsed.lineStarts, { start: 0, end: 0 }) },
      });
    }
    for (const node of file.nodes) {
      if (!node.node.command || !fuzzyMatch(query, node.name)) continue;
      out.push({
        name: node.name,
        kind: SymbolKind.Function,
        containerName: file.name,
        location: { uri, range: toRange(file.parsed.lineStarts, nodeAnchor(node)) },
      });
    }
    if (out.length >= WORKSPACE_SYMBOLS_LIMIT) break;
  }
  return out.slice(0, WORKSPACE_SYMBOLS_LIMIT);
}
