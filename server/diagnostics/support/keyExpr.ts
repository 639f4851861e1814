// Column names used by an engine key expression (ENGINE_SORTING_KEY, ENGINE_TTL, …): identifiers
// that are not function names, keywords, lambda parameters or interval units.
import type { Span } from '../../parser/ast';
import { isName, isPunct, tokenizeSql } from '../../parser/sqlScan';

const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'interval', 'as', 'case', 'when', 'then', 'else', 'end',
  'to', 'disk', 'volume', 'delete', 'where', 'group', 'by', 'set', 'recompress', 'codec', 'asc', 'desc', 'like',
  'between', 'second', 'seconds', 'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month',
  'months', 'quarter', 'quarters', 'year', 'years', 'tuple', 'if', 'distinct', 'ilike', 'global', 'any', 'all',
]);

export interface KeyIdentifier {
  name: string;
  /** Offsets in the expression text. */
  span: Span;
}

/** Identifiers of an expression; `a.b` is kept whole (nested column names contain dots). */
export function keyIdentifiers(expr: string): KeyIdentifier[] {
  const tokens = tokenizeSql(expr);
  const lambdaParams = new Set<string>();
  tokens.forEach((t, k) => {
    if (t.kind === 'punct' && t.text === '-' && tokens[k + 1]?.text === '>' && tokens[k - 1]?.kind === 'word') lambdaParams.add(tokens[k - 1].text);
  });
  const out: KeyIdentifier[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    let end = k;
    while (isPunct(tokens[end + 1], '.') && isName(tokens[end + 2]) && tokens[end + 1].start === tokens[end].end) end += 2;
    const next = tokens[end + 1];
    const prev = tokens[k - 1];
    const skip =
      (next?.kind === 'punct' && next.text === '(') ||
      (t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase()) && end === k) ||
      lambdaParams.has(t.text) ||
      isPunct(prev, '.');
    if (!skip) {
      const text = expr.slice(t.start, tokens[end].end).replace(/`/g, '');
      out.push({ name: text, span: { start: t.start, end: tokens[end].end } });
    }
    k = end;
  }
  return out;
}

/** Splits at top-level commas; each part with its offset in `text`, trimmed. */
export function splitTopLevel(text: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) parts.push({ text: raw.trim(), start: start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return parts;
}

/** The items of a key: `(a, b)` and `tuple(a, b)` unwrapped, `tuple()` empty. */
export function keyItems(value: string): { text: string; start: number }[] {
  const trimmed = value.trim();
  const lead = value.indexOf(trimmed);
  const m = /^(tuple)?\s*\(([\s\S]*)\)$/i.exec(trimmed);
  if (m && balanced(m[2])) {
    const inner = trimmed.indexOf('(') + 1;
    return splitTopLevel(m[2]).map((p) => ({ text: p.text, start: lead + inner + p.start }));
  }
  return splitTopLevel(value);
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
