// Where a name stands inside the span of a value that may quote it.
import type { Span } from '../parser/ast';

/** The span of `name` inside a value span (quotes around it excluded). */
export function nameSpanIn(text: string, span: Span, name: string): Span {
  const at = text.slice(span.start, span.end).indexOf(name);
  return at < 0 ? span : { start: span.start + at, end: span.start + at + name.length };
}
