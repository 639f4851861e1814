// Folding ranges: every `KEYWORD >` block and every node.
import type { FoldingRange } from 'vscode-languageserver';
import { positionAt } from '../parser/lines';
import type { FileFacts } from '../workspace/facts';

export function foldingRanges(file: FileFacts): FoldingRange[] {
  const { lineStarts } = file.parsed;
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number) => {
    const startLine = positionAt(lineStarts, start).line;
    const endLine = positionAt(lineStarts, end).line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  for (const command of file.parsed.commands) if (command.block) add(command.span.start, command.span.end);
  for (const node of file.parsed.nodes) if (node.command) add(node.span.start, node.span.end);
  return ranges;
}
