// A formatting result as LSP text edits: one edit replacing the whole document, or none when unchanged.
import type { TextEdit } from 'vscode-languageserver';
import { computeLineStarts, positionAt } from '../parser/lines';

export function replaceAllEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const end = positionAt(computeLineStarts(before), before.length);
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: after }];
}
