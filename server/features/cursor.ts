// Where the cursor is in a datafile, as completion and signature help need it: on a keyword line
// (typing the keyword or its value) or inside a `KEYWORD >` block (indented lines), with the text of
// the block up to the cursor. Works on text being typed, before the parser would keep the line.
import type { Command } from '../parser/ast';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import { nodeAtOffset } from '../semantic/symbols';

export type Cursor =
  | {
      kind: 'keyword';
      /** The partial keyword being typed (line start to cursor). */
      prefix: string;
      node?: NodeFacts;
    }
  | {
      kind: 'value';
      /** Upper-case keyword of the line. */
      keyword: string;
      /** Text after the keyword up to the cursor. */
      prefix: string;
      node?: NodeFacts;
    }
  | {
      kind: 'block';
      /** Lower-case keyword owning the block (`sql`, `schema`, …). */
      keyword: string;
      command: Command;
      /** Block text from its first line to the cursor. */
      prefix: string;
      /** Offset in the document where `prefix` starts. */
      start: number;
      node?: NodeFacts;
    };

export function cursorAt(file: FileFacts, offset: number): Cursor {
  const text = file.parsed.text;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const line = text.slice(lineStart, offset);
  const node = nodeAtOffset(file, offset) ?? nodeBefore(file, offset);
  if (/^[ \t]/.test(line)) {
    const command = [...file.parsed.commands].reverse().find((c) => c.block && c.keyword.start < lineStart);
    if (command) {
      const lines = command.block!.lines;
      const start = lines.length ? lines.start(0) : lineStart;
      return { kind: 'block', keyword: command.name, command, prefix: text.slice(Math.min(start, lineStart), offset), start: Math.min(start, lineStart), node };
    }
  }
  const space = line.search(/\s/);
  if (space < 0) return { kind: 'keyword', prefix: line, node };
  return { kind: 'value', keyword: line.slice(0, space).toUpperCase(), prefix: line.slice(space).trimStart(), node };
}

/** The last node starting before an offset (the cursor may sit past the parsed span while typing). */
function nodeBefore(file: FileFacts, offset: number): NodeFacts | undefined {
  return [...file.nodes].reverse().find((n) => n.node.span.start <= offset);
}
