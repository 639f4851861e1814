// Edits that add a line to a DESCRIPTION (tb fmt keeps descriptions, one stripped line each).
import type { DatafileNode } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';
import type { Edit } from '../rule';

const INDENT = '    ';
const HEADER_KEYWORDS = new Set(['version', 'source', 'maintainer', 'from']);

/** Appends `line` to the node's DESCRIPTION (the file's when `node` is undefined), creating it if needed. */
export function appendToDescription(file: FileFacts, node: DatafileNode | undefined, line: string): Edit {
  const parsed = file.parsed;
  const owner = node?.command ? node : undefined;
  const description = owner ? owner.description : parsed.description;
  if (description) {
    const command = description.command;
    if (command.block) return { span: { start: command.span.end, end: command.span.end }, newText: `\n${INDENT}${line}` };
    const old = command.args.map((a) => a.text).join(' ');
    return { span: command.span, newText: `DESCRIPTION >\n${INDENT}${old}\n${INDENT}${line}` };
  }
  if (owner) {
    const end = owner.command!.span.end;
    return { span: { start: end, end }, newText: `\nDESCRIPTION >\n${INDENT}${line}` };
  }
  const first = parsed.commands.find((c) => !HEADER_KEYWORDS.has(c.name));
  const at = first ? parsed.text.lastIndexOf('\n', first.span.start - 1) + 1 : 0;
  return { span: { start: at, end: at }, newText: `DESCRIPTION >\n${INDENT}${line}\n\n` };
}
