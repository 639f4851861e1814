import { isOperator, isSubscript, sqlDepth, tagDepth } from './nodes';
import { INDENT, SqlLine, SqlNode } from './types';

export const lastNode = (line: SqlLine): SqlNode | undefined => line.nodes[line.nodes.length - 1];

/** How many INDENTs the line's prefix has. */
export function lineIndent(line: SqlLine): number {
  const first = line.nodes[0];
  return first ? sqlDepth(first) + tagDepth(first) : 0;
}

export function linePrefix(line: SqlLine): string {
  return INDENT.repeat(lineIndent(line));
}

export const isDisabled = (line: SqlLine): boolean =>
  line.nodes.length > 0 && (line.nodes[0].disabled || line.nodes[line.nodes.length - 1].disabled);

export function hasContent(line: SqlLine): boolean {
  for (const n of line.nodes) if (n.kind !== 'NEWLINE') return true;
  return false;
}

export const isBlank = (line: SqlLine): boolean =>
  line.nodes.length === 1 && line.nodes[0].kind === 'NEWLINE' && line.comments.length === 0;

/** The line is exactly [X] or [X, NEWLINE]. */
export function standaloneNode(line: SqlLine): SqlNode | undefined {
  const n = line.nodes;
  if (n.length === 1 && n[0].kind !== 'NEWLINE') return n[0];
  if (n.length === 2 && n[1].kind === 'NEWLINE') return n[0];
  return undefined;
}

export function isStandaloneOperator(line: SqlLine): boolean {
  const n = standaloneNode(line);
  return n !== undefined && isOperator(n) && !isSubscript(n);
}

/** Content without the prefix: `space + value` joined, leading space dropped. */
export function lineContent(line: SqlLine): string {
  let s = '';
  for (const n of line.nodes) s += n.space + n.value;
  return s.trimStart();
}

/** Enabled-line rendering without comments (§4), including the final newline. */
export function renderLine(line: SqlLine): string {
  if (line.nodes.length === 0) return '';
  return linePrefix(line) + lineContent(line);
}


const SURROGATE = /[\uD800-\uDBFF]/u;

/** Length in Unicode code points. */
export function cpLength(s: string): number {
  if (s.length === 1) {
    // one character, the usual punctuation, without the regex
    const c = s.charCodeAt(0);
    return c >= 0xd800 && c <= 0xdbff ? 0 : 1;
  }
  if (!SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Longest physical line of the rendered content (§4). */
export function lineWidth(line: SqlLine): number {
  const nodes = line.nodes;
  if (nodes.length === 0) return 0;
  let width = INDENT.length * lineIndent(line);
  let first = true;
  for (const n of nodes) {
    if (n.kind === 'NEWLINE') continue;
    if (n.value.includes('\n')) return slowLineWidth(line);
    width += cpLength(n.value) + (first ? 0 : n.space.length);
    first = false;
  }
  return width;
}

function slowLineWidth(line: SqlLine): number {
  let max = 0;
  for (const part of renderLine(line).split('\n')) max = Math.max(max, cpLength(part));
  return max;
}

const EXPLICIT_BRACKETS = new Set(['(', '[', '{']);

function isExplicitBracket(n: SqlNode): boolean {
  return n.kind === 'STATEMENT_START' || (n.kind === 'BRACKET_OPEN' && EXPLICIT_BRACKETS.has(n.value));
}

export function closesBracketFromPreviousLine(line: SqlLine): boolean {
  const prev = line.prevNode;
  const last = lastNode(line);
  if (!prev || !last) return false;
  const b = prev.openBrackets.find(isExplicitBracket);
  return b !== undefined && !last.openBrackets.includes(b);
}

export function closesTagBlockFromPreviousLine(line: SqlLine): boolean {
  const prev = line.prevNode;
  const last = lastNode(line);
  if (!prev || !last || prev.openBlocks.length === 0) return false;
  const inner = prev.openBlocks.peek() as SqlNode;
  if (last.openBlocks.includes(inner)) return false;
  const lastInner = last.openBlocks.peek();
  return !lastInner || lastInner.kind !== 'JINJA_BLOCK_KEYWORD';
}

export function closesSimpleTagBlockFromPreviousLine(line: SqlLine): boolean {
  if (!closesTagBlockFromPreviousLine(line)) return false;
  const prev = line.prevNode as SqlNode;
  return prev.openBlocks.peek()?.kind === 'JINJA_BLOCK_START';
}
