// Find references: every occurrence of the name under the cursor across the workspace (semantic/
// occurrences.ts), plus, for a datasource column, the SELECT items of the nodes writing it.
import type { Location } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import { columnWriters } from '../semantic/writers';
import { occurrencesOf } from '../semantic/occurrences';
import { symbolAt } from '../semantic/symbols';
import type { FeatureContext } from './context';

export function references(ctx: FeatureContext, file: FileFacts, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') return [];
  const out: Location[] = [];
  if (includeDeclaration && symbol.target.kind === 'resource') {
    for (const def of ctx.index.definitions(symbol.target.name)) out.push({ uri: ctx.uriOf(def.path), range: toRange(def.parsed.lineStarts, { start: 0, end: 0 }) });
  }
  for (const found of occurrencesOf(ctx.index, symbol.target)) {
    for (const o of found.occurrences) {
      if (!includeDeclaration && o.declaration) continue;
      out.push({ uri: ctx.uriOf(found.file.path), range: toRange(found.file.parsed.lineStarts, o.span) });
    }
  }
  // A datasource column is also where its writers produce it (`… AS snapshotId` in each MV/copy node).
  if (symbol.target.kind === 'column') {
    const seen = new Set(out.map((l) => `${l.uri}#${l.range.start.line}:${l.range.start.character}`));
    for (const w of columnWriters(ctx.index, symbol.target.datasource, symbol.target.name).writers) {
      const loc = { uri: ctx.uriOf(w.file.path), range: toRange(w.file.parsed.lineStarts, w.nameSpan) };
      if (!seen.has(`${loc.uri}#${loc.range.start.line}:${loc.range.start.character}`)) out.push(loc);
    }
  }
  return out;
}
