// Turns a SQL block into the text tb stores (stripped when templated, otherwise dedented and
// right-stripped) while keeping a map from that text back to document offsets.
import type { Block, Command, SqlBlock, Span } from './ast';
import { lastAtOrBefore } from './lines';

/** Lines of a block, read on demand so that a large block is not copied line by line up front. */
interface BlockLines {
  count: number;
  text(i: number): string;
  docStart(i: number): number;
}

function commonMargin(lines: BlockLines): string {
  let margin: string | undefined;
  for (let i = 0; i < lines.count; i++) {
    const indent = /^[ \t]*/.exec(lines.text(i))![0];
    if (margin === undefined) margin = indent;
    else if (indent.startsWith(margin)) continue;
    else if (margin.startsWith(indent)) margin = indent;
    else {
      let k = 0;
      while (k < margin.length && k < indent.length && margin[k] === indent[k]) k++;
      margin = margin.slice(0, k);
    }
  }
  return margin ?? '';
}

/** Length of the whitespace that starts the lines joined with `\n`, and whether `%` follows it. */
function leadingWhitespace(lines: BlockLines): { lead: number; templated: boolean } {
  let lead = 0;
  for (let i = 0; i < lines.count; i++) {
    const line = lines.text(i);
    const content = line.length - line.trimStart().length;
    if (content < line.length) return { lead: lead + content, templated: line[content] === '%' };
    lead += line.length + 1;
  }
  return { lead: Math.max(0, lead - 1), templated: false };
}

function buildSqlBlock(command: Command, lines: BlockLines): SqlBlock {
  const { lead, templated } = leadingWhitespace(lines);
  // Pairs (offset in text, document offset) of each line's first character.
  const segments: number[] = [];
  const pieces: string[] = [];
  let length = 0;
  if (templated) {
    let rawPos = 0;
    for (let i = 0; i < lines.count; i++) {
      const line = lines.text(i);
      const cut = Math.max(0, Math.min(line.length, lead - rawPos));
      if (rawPos + line.length + 1 > lead) {
        segments.push(length, lines.docStart(i) + cut);
        pieces.push(line.slice(cut), '\n');
        length += line.length - cut + 1;
      }
      rawPos += line.length + 1;
    }
  } else {
    const margin = commonMargin(lines).length;
    for (let i = 0; i < lines.count; i++) {
      const line = lines.text(i);
      segments.push(length, lines.docStart(i) + margin);
      pieces.push(line.slice(margin), '\n');
      length += Math.max(0, line.length - margin) + 1;
    }
  }
  const joined = pieces.join('');
  const text = templated ? joined.trim() : joined.trimEnd();
  const starts = Int32Array.from(segments);
  const toDocument = (offset: number): number => {
    if (!starts.length) return command.span.end;
    const k = lastAtOrBefore(starts, offset, 2);
    return starts[2 * k + 1] + (offset - starts[2 * k]);
  };
  return { command, text, templated, toDocument };
}

/** The SQL of a `SQL >` block. */
export function sqlFromBlock(command: Command, block: Block, docText: string): SqlBlock {
  const spans: Span[] = block.lines;
  return buildSqlBlock(command, { count: spans.length, text: (i) => docText.slice(spans[i].start, spans[i].end), docStart: (i) => spans[i].start });
}

/** The SQL of a single-line `SQL query` (tb accepts one argument). */
export function sqlFromValue(command: Command, value: string, start: number): SqlBlock {
  return buildSqlBlock(command, { count: 1, text: () => value, docStart: () => start });
}
