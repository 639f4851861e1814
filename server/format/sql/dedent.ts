import { lastNode, standaloneNode } from './lines';
import { SqlLine, SqlNode } from './types';

/** §7: moves block tags out to the least-indented line of their branch. */
export function dedentBlockTags(lines: SqlLine[]): void {
  let start: SqlNode | null = null;
  for (const line of lines) {
    const only = standaloneNode(line);
    if (start && only && only.kind === 'JINJA_BLOCK_END') only.openBrackets = start.openBrackets;
    const last = lastNode(line);
    if (last && last.openBlocks.length) {
      start = last.openBlocks.peek() as SqlNode;
      const first = line.nodes[0];
      if (first.openBrackets.length < start.openBrackets.length) start.openBrackets = first.openBrackets;
    }
  }
}
