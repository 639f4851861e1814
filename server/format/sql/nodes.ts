import { Stack } from './stack';
import { SqlNode, TokenKind } from './types';

/** Tags skipped when looking for the previous significant token (§3.2). */
const TAG_STATEMENT_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'JINJA_STATEMENT',
  'JINJA_BLOCK_START',
  'JINJA_BLOCK_KEYWORD',
  'JINJA_BLOCK_END',
]);
const COLLAPSED_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'UNTERM_KEYWORD',
  'STATEMENT_START',
  'STATEMENT_END',
  'WORD_OPERATOR',
  'ON',
  'BOOLEAN_OPERATOR',
  'SET_OPERATOR',
]);
const SPACED_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'UNTERM_KEYWORD',
  'STATEMENT_START',
  'STATEMENT_END',
  'WORD_OPERATOR',
  'BOOLEAN_OPERATOR',
  'ON',
  'SEMICOLON',
]);
const GLUE_NEXT_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'BRACKET_CLOSE',
  'COLON',
  'DOUBLE_COLON',
  'COMMA',
  'DOT',
  'NEWLINE',
]);
const OPERATOR_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'OPERATOR',
  'WORD_OPERATOR',
  'ON',
  'BOOLEAN_OPERATOR',
  'DOUBLE_COLON',
  'SEMICOLON',
]);

/** The kinds of template tags. */
function isTagKind(kind: TokenKind): boolean {
  switch (kind) {
    case 'JINJA_EXPRESSION':
    case 'JINJA_STATEMENT':
    case 'JINJA_BLOCK_START':
    case 'JINJA_BLOCK_KEYWORD':
    case 'JINJA_BLOCK_END':
      return true;
    default:
      return false;
  }
}

export const isTag = (n: SqlNode): boolean => isTagKind(n.kind);
export const isBlockStartOrKeyword = (n: SqlNode): boolean =>
  n.kind === 'JINJA_BLOCK_START' || n.kind === 'JINJA_BLOCK_KEYWORD';
export const isClosingBracket = (n: SqlNode): boolean =>
  n.kind === 'BRACKET_CLOSE' || n.kind === 'STATEMENT_END';
export const dividesQueries = (n: SqlNode): boolean =>
  n.kind === 'SEMICOLON' || n.kind === 'SET_OPERATOR';
/** A DATA node or a tag whose text spans lines (§5). */
export const isMultilineNode = (n: SqlNode): boolean =>
  n.kind === 'DATA' || (isTag(n) && n.value.includes('\n'));

/** The previous significant token (§3.2); something was skipped when it is not `prev`. */
export function previousSignificant(prev: SqlNode | null): SqlNode | null {
  let p = prev;
  while (p && (p.kind === 'NEWLINE' || TAG_STATEMENT_KINDS.has(p.kind))) p = p.prev;
  return p;
}

/** §5's definition of an operator node. */
export function isOperator(n: SqlNode): boolean {
  if (OPERATOR_KINDS.has(n.kind)) return true;
  if (n.kind === 'STAR') {
    const p = previousSignificant(n.prev);
    return p !== null && p.kind !== 'UNTERM_KEYWORD' && p.kind !== 'COMMA' && p.kind !== 'DOT';
  }
  return isSubscript(n);
}

/** A `[` directly indexing a name, string or bracket. */
export function isSubscript(n: SqlNode): boolean {
  if (n.kind !== 'BRACKET_OPEN' || n.value !== '[') return false;
  const p = previousSignificant(n.prev);
  return p !== null && (p.kind === 'NAME' || p.kind === 'QUOTED_NAME' || p.kind === 'BRACKET_CLOSE');
}

function computeSpace(kind: TokenKind, rawPrefix: string, prev: SqlNode | null): string {
  if (GLUE_NEXT_KINDS.has(kind)) return '';
  const p = previousSignificant(prev);
  const pk = p?.kind;
  if ((kind === 'NAME' || kind === 'QUOTED_NAME' || kind === 'STAR' || kind === 'JINJA_EXPRESSION') && (pk === 'DOT' || pk === 'COLON')) return '';
  if (kind === 'NUMBER' && pk === 'COLON') return '';
  if (kind === 'BRACKET_OPEN') {
    return pk === 'NAME' || pk === 'QUOTED_NAME' || pk === 'BRACKET_OPEN' || pk === 'BRACKET_CLOSE' ? '' : ' ';
  }
  if (pk === 'BRACKET_OPEN' || pk === 'DOUBLE_COLON') return '';
  if (SPACED_KINDS.has(kind)) return ' ';
  if (isTagKind(kind) || pk === 'JINJA_EXPRESSION') return rawPrefix !== '' || p !== prev ? ' ' : '';
  return ' ';
}

const EMPTY = Stack.empty<SqlNode>();

const topIsClause = (brackets: Stack<SqlNode>): boolean => brackets.peek()?.kind === 'UNTERM_KEYWORD';

/** Stacks are immutable snapshots shared between nodes; a changed stack is a new one, sharing the cells below (§3.3). */
function setStacks(node: SqlNode, prev: SqlNode | null): void {
  if (!prev) return;
  let brackets = prev.openBrackets;
  let blocks = prev.openBlocks;
  if (prev.kind === 'UNTERM_KEYWORD' || prev.kind === 'BRACKET_OPEN' || prev.kind === 'STATEMENT_START') brackets = brackets.push(prev);
  else if (isBlockStartOrKeyword(prev)) blocks = blocks.push(prev);
  switch (node.kind) {
    case 'UNTERM_KEYWORD':
    case 'SET_OPERATOR':
      if (topIsClause(brackets)) brackets = brackets.pop();
      break;
    case 'BRACKET_CLOSE':
    case 'STATEMENT_END': {
      // closing a bracket also closes the clause opened inside it
      const pops = topIsClause(brackets) ? 2 : 1;
      if (brackets.length < pops) return;
      brackets = brackets.pop(pops);
      break;
    }
    case 'JINJA_BLOCK_END':
      if (blocks.length === 0) return;
      blocks = blocks.pop();
      break;
    case 'SEMICOLON':
      brackets = EMPTY;
      break;
    default:
      break;
  }
  node.openBrackets = brackets;
  node.openBlocks = blocks;
}

/** Whitespace runs collapse to one space; a text without whitespace (the usual keyword) is kept as is. */
function collapseWhitespace(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 32 || c >= 127) return raw.split(/\s+/u).filter(Boolean).join(' ');
  }
  return raw;
}

function computeValue(kind: TokenKind, raw: string): string {
  if (kind === 'NEWLINE') return '\n';
  return COLLAPSED_KINDS.has(kind) ? collapseWhitespace(raw) : raw;
}

/**
 * Creates a node from a token (§3). For `{% else %}`/`{% elif %}`, `prev` is the node before
 * their `{% if %}` (§3.3).
 */
export function createNode(kind: TokenKind, rawPrefix: string, rawText: string, prev: SqlNode | null): SqlNode {
  let disabled: boolean;
  if (kind === 'FMT_OFF' || kind === 'DATA') disabled = true;
  else if (prev && (prev.kind === 'FMT_ON' || prev.kind === 'DATA')) disabled = false;
  else disabled = prev?.disabled ?? false;
  const node: SqlNode = {
    kind,
    rawPrefix,
    rawText,
    value: computeValue(kind, rawText),
    space: computeSpace(kind, rawPrefix, prev),
    openBrackets: EMPTY,
    openBlocks: EMPTY,
    disabled,
    prev,
  };
  setStacks(node, prev);
  return node;
}

export const sqlDepth = (n: SqlNode): number => n.openBrackets.length;
export const tagDepth = (n: SqlNode): number => n.openBlocks.length;
