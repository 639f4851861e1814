// Unindented keyword-looking lines that tb keeps inside the `>` block above them.
import { FORWARD_ONLY_KEYWORDS } from '../../catalog/keywords';
import type { Span } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';

const KEYWORD_LIKE = /^([A-Z][A-Z0-9]*_[A-Z0-9_]*|[A-Z][A-Z0-9_]*(?=\s+>(\s|$)))/;

export interface SwallowedLine {
  /** The keyword as written. */
  keyword: string;
  span: Span;
  /** The keyword of the block that swallows it, upper-cased. */
  block: string;
}

export function swallowedLines(file: FileFacts): SwallowedLine[] {
  const { text, commands } = file.parsed;
  const out: SwallowedLine[] = [];
  for (const command of commands) {
    for (const line of command.block?.lines ?? []) {
      const m = KEYWORD_LIKE.exec(text.slice(line.start, line.end));
      if (m) out.push({ keyword: m[1], span: { start: line.start, end: line.start + m[1].length }, block: command.keyword.text.toUpperCase() });
    }
  }
  return out;
}

export function isForwardKeyword(keyword: string): boolean {
  return FORWARD_ONLY_KEYWORDS.has(keyword.toLowerCase());
}
