// Document highlights: the other occurrences, in this file, of the name under the cursor.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { FeatureContext } from './context';
import { occurrences, symbolAt, targetKey } from '../semantic/symbols';

export function documentHighlights(ctx: FeatureContext, file: FileFacts, offset: number): DocumentHighlight[] {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') return [];
  const key = targetKey(symbol.target);
  return occurrences(ctx.index, file)
    .filter((o) => targetKey(o.target) === key)
    .map((o) => ({
      range: toRange(file.parsed.lineStarts, o.span),
      kind: o.declaration || o.target.kind === 'node' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
}
