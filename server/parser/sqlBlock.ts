// Turns a SQL block into the text tb stores (stripped when templated, otherwise dedented and
// right-stripped) while keeping a map from that text back to document offsets.
import type { Block, Command, SqlBlock } from './ast';
import { lastAtOrBefore } from './lines';

/**
 * The lines of a block as one text, each line followed by `\n` (the block text; no line holds a line
 * break), and the document offset where line `i` starts. Read in place: no line is copied up front.
 */
interface BlockLines {
  text: string;
  docStart(i: number): number;
}

/** Calls `visit` with each line's index, offset in `text` and length. */
function forEachLine({ text }: BlockLines, visit: (i: number, at: number, length: number) => void): void {
  for (let at = 0, i = 0; at < text.length; i++) {
    const nl = text.indexOf('\n', at);
    visit(i, at, nl - at);
    at = nl + 1;
  }
}

/** Length of the indentation (spaces and tabs) all lines start with. */
function commonMargin(lines: BlockLines): number {
  const { text } = lines;
  let first = -1;
  let margin = 0;
  forEachLine(lines, (_i, at, length) => {
    let k = 0;
    if (first < 0) {
      while (k < length && (text.charCodeAt(at + k) === 32 || text.charCodeAt(at + k) === 9)) k++;
      first = at;
    } else {
      while (k < margin && k < length && text.charCodeAt(at + k) === text.charCodeAt(first + k)) k++;
    }
    margin = k;
  });
  return margin;
}

/** The SQL text of the block, whether it is templated, and (offset in text, document offset) pairs of each line's first character. */
function sqlText(lines: BlockLines): { text: string; templated: boolean; starts: Int32Array } {
  const raw = lines.text;
  // Where the first non-whitespace character is, and whether it is the `%` of a templated node.
  const lead = raw.length - raw.trimStart().length;
  const templated = raw.charCodeAt(lead) === 37; /* % */
  // Pairs (offset in text, document offset) of each line's first character.
  const segments: number[] = [];
  let length = 0;
  let text: string;
  if (templated) {
    forEachLine(lines, (i, at, lineLength) => {
      if (at + lineLength + 1 <= lead) return;
      const cut = Math.max(0, lead - at);
      segments.push(length, lines.docStart(i) + cut);
      length += lineLength - cut + 1;
    });
    text = raw.slice(lead).trim();
  } else {
    const margin = commonMargin(lines);
    const pieces: string[] = [];
    forEachLine(lines, (i, at, lineLength) => {
      segments.push(length, lines.docStart(i) + margin);
      if (margin) pieces.push(raw.slice(at + margin, at + lineLength + 1));
      length += Math.max(0, lineLength - margin) + 1;
    });
    text = (margin ? pieces.join('') : raw).trimEnd();
  }
  return { text, templated, starts: Int32Array.from(segments) };
}

function buildSqlBlock(command: Command, lines: BlockLines): SqlBlock {
  // Built apart: a closure here would share its context with the line callbacks, and keep `segments` alive.
  const { text, templated, starts } = sqlText(lines);
  const toDocument = (offset: number): number => {
    if (!starts.length) return command.span.end;
    const k = lastAtOrBefore(starts, offset, 2);
    return starts[2 * k + 1] + (offset - starts[2 * k]);
  };
  return { command, text, templated, toDocument };
}

/** The SQL of a `SQL >` block. */
export function sqlFromBlock(command: Command, block: Block): SqlBlock {
  const spans = block.lines;
  return buildSqlBlock(command, { text: block.text, docStart: (i) => spans.start(i) });
}

/** The SQL of a single-line `SQL query` (tb accepts one argument). */
export function sqlFromValue(command: Command, value: string, start: number): SqlBlock {
  return buildSqlBlock(command, { text: value + '\n', docStart: () => start });
}
