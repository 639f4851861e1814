// INDEXES grammar, behaving like tb's `parse_indexes_structure`: one index per line.
import type { IndexDecl, Span } from './ast';

export const INDEX_FORMAT_ERROR = 'invalid INDEX format. Usage: `name expr TYPE type_full GRANULARITY granularity`';

// tb's pattern, anchored at the start only; note `"->` is a character range (0x22-0x3E).
const INDEX_RE =
  /^([\p{L}\p{N}_]+)\s+([\p{L}\p{N}_\s*[\]*(),'"-><.]+)\s+TYPE\s+([\p{L}\p{N}_]+)(?:\(([\p{L}\p{N}_\s*.,]+)\))?(?:\s+GRANULARITY\s+(\p{Nd}+))?/u;

export interface IndexLine {
  text: string;
  span: Span;
}

export type IndexResult = { ok: true; index: IndexDecl } | { ok: false; message: string; span: Span };

/** Parses one index line (tb strips it, drops a trailing comma and leading I/N/D/E/X characters). */
export function parseIndexLine(line: IndexLine): IndexResult {
  let text = line.text.trim().replace(/,+$/, '');
  text = text.replace(/^[INDEX]+/, '').trim();
  const typeCount = text.split('TYPE').length - 1;
  const m = typeCount === 1 ? INDEX_RE.exec(text) : null;
  if (!m) return { ok: false, message: INDEX_FORMAT_ERROR, span: line.span };
  const [, name, expr, type, value, granularity] = m;
  return {
    ok: true,
    index: {
      name,
      expr: expr.trim(),
      typeFull: value ? `${type}(${value})` : type,
      granularity: granularity || undefined,
      span: line.span,
    },
  };
}

/** tb's `TableIndex.to_datafile` (note the trailing space when there is no granularity). */
export function renderIndex(index: IndexDecl): string {
  const granularity = index.granularity ? `GRANULARITY ${index.granularity}` : '';
  return `${index.name} ${index.expr} TYPE ${index.typeFull} ${granularity}`;
}
