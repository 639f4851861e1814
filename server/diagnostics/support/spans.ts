// Mapping offsets inside a stored value back to the document.
import type { Span } from '../../parser/ast';

/**
 * The document span of `sub` (offsets in `value`), where `value` is what tb stored for the text at
 * `span`: the same text, or that text without its quotes. Otherwise the whole span.
 */
export function spanInValue(docText: string, span: Span, value: string, sub: Span): Span {
  const raw = docText.slice(span.start, span.end);
  const shift = raw === value ? 0 : raw.slice(1, -1) === value ? 1 : -1;
  if (shift < 0) return span;
  return { start: span.start + shift + sub.start, end: span.start + shift + sub.end };
}

/** The document span of a node SQL range (offsets in the SQL text). */
export function sqlSpan(toDocument: (offset: number) => number, sub: Span): Span {
  return { start: toDocument(sub.start), end: toDocument(Math.max(sub.start, sub.end - 1)) + (sub.end > sub.start ? 1 : 0) };
}
