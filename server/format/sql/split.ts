import { createNode, dividesQueries, isBlockStartOrKeyword, isClosingBracket, isMultilineNode, isOperator } from './nodes';
import { isDisabled } from './lines';
import { SqlLine, SqlNode } from './types';

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

/** §5: cuts a source line into minimal lines. */
export function splitLine(line: SqlLine, out: SqlLine[]): void {
  if (isDisabled(line)) {
    out.push(line);
    return;
  }
  let rest = line;
  for (;;) {
    const nodes = rest.nodes;
    let cut = -1;
    for (let i = 1; i < nodes.length; i++) {
      if (nodes[i].kind === 'NEWLINE') break;
      if (cutAfter(nodes[i - 1]) || cutBefore(nodes[i], nodes[i - 1])) {
        cut = i;
        break;
      }
    }
    if (cut < 0) break;
    const [head, tail] = cutLine(rest, cut);
    out.push(head);
    rest = tail;
  }
  out.push(rest);
}
