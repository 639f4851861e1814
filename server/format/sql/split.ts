import { createNode, dividesQueries, isBlockStartOrKeyword, isClosingBracket, isMultilineNode, isOperator } from './nodes';
import { isDisabled } from './lines';
import { SqlfmtError, SqlLine, SqlNode } from './types';

/**
 * sqlfmt splits recursively, so CPython's recursion limit aborts it on a source line with
 * several hundred cut points (golden cases with `maximum recursion depth exceeded`: 481 pieces
 * still format, 757 do not). We reproduce the abort with this bound.
 */
export const MAX_PIECES_PER_SOURCE_LINE = 500;

export const RECURSION_LIMIT_MESSAGE = 'maximum recursion depth exceeded';

function cutAfter(n: SqlNode): boolean {
  return (
    n.kind === 'COMMA' ||
    n.kind === 'BRACKET_OPEN' ||
    n.kind === 'STATEMENT_START' ||
    isBlockStartOrKeyword(n) ||
    n.kind === 'UNTERM_KEYWORD' ||
    dividesQueries(n)
  );
}

function cutBefore(n: SqlNode, before: SqlNode): boolean {
  return (
    isMultilineNode(n) ||
    n.kind === 'UNTERM_KEYWORD' ||
    isBlockStartOrKeyword(n) ||
    isOperator(n) ||
    isClosingBracket(n) ||
    n.kind === 'JINJA_BLOCK_END' ||
    dividesQueries(n) ||
    (n.kind === 'BRACKET_OPEN' && before.kind === 'BRACKET_CLOSE')
  );
}

/** Whether §5 cuts a line between `before` and `n` (its next node on the line). */
export function isCutPoint(before: SqlNode, n: SqlNode): boolean {
  return cutAfter(before) || cutBefore(n, before);
}

/** Cuts `line` before node index `i`: the head gets a fresh NEWLINE and all the comments. */
export function cutLine(line: SqlLine, i: number): [SqlLine, SqlLine] {
  const headNodes = line.nodes.slice(0, i);
  const last = headNodes[headNodes.length - 1];
  const nl = createNode('NEWLINE', '', '\n', last);
  headNodes.push(nl);
  const head: SqlLine = { nodes: headNodes, comments: line.comments, prevNode: line.prevNode };
  const tail: SqlLine = { nodes: line.nodes.slice(i), comments: [], prevNode: nl };
  return [head, tail];
}

/**
 * §5: cuts a source line into minimal lines at its cut points (`cuts`, ascending node indexes, from
 * the lexer); each piece is sliced once: no copy of the rest per cut.
 */
export function splitLine(line: SqlLine, cuts: readonly number[], out: SqlLine[]): void {
  if (isDisabled(line)) {
    out.push(line);
    return;
  }
  const nodes = line.nodes;
  let from = 0;
  let comments = line.comments;
  let prevNode = line.prevNode;
  let pieces = 0;
  for (const cut of cuts) {
    const head = nodes.slice(from, cut);
    const nl = createNode('NEWLINE', '', '\n', head[head.length - 1]);
    head.push(nl);
    out.push({ nodes: head, comments, prevNode });
    from = cut;
    comments = [];
    prevNode = nl;
    if (++pieces >= MAX_PIECES_PER_SOURCE_LINE) throw new SqlfmtError(RECURSION_LIMIT_MESSAGE);
  }
  out.push(from === 0 ? line : { nodes: nodes.slice(from), comments, prevNode });
}
