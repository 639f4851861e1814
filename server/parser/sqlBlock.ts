// Turns a SQL block into the text tb stores (stripped when templated, otherwise dedented and
// right-stripped) while keeping a map from that text back to document offsets.
import type { Block, Command, SqlBlock, Span } from './ast';
import { lastAtOrBefore } from './lines';

function commonMargin(lines: string[]): string {
  let margin: string | undefined;
  for (const line of lines) {
    const indent = /^[ \t]*/.exec(line)![0];
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

function buildSqlBlock(command: Command, lines: { text: string; docStart: number }[]): SqlBlock {
  const raw = lines.map((l) => l.text).join('\n');
  const templated = raw.trimStart().startsWith('%');
  // Pairs (offset in text, document offset) of each line's first character.
  const segments: number[] = [];
  let text = '';
  if (templated) {
    const lead = raw.length - raw.trimStart().length;
    let rawPos = 0;
    for (const line of lines) {
      const cut = Math.max(0, Math.min(line.text.length, lead - rawPos));
      const piece = line.text.slice(cut);
      if (rawPos + line.text.length + 1 > lead) {
        segments.push(text.length, line.docStart + cut);
        text += piece + '\n';
      }
      rawPos += line.text.length + 1;
    }
    text = text.trim();
  } else {
    const margin = commonMargin(lines.map((l) => l.text));
    for (const line of lines) {
      segments.push(text.length, line.docStart + margin.length);
      text += line.text.slice(margin.length) + '\n';
    }
    text = text.trimEnd();
  }
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
  return buildSqlBlock(
    command,
    block.lines.map((l: Span) => ({ text: docText.slice(l.start, l.end), docStart: l.start })),
  );
}

/** The SQL of a single-line `SQL query` (tb accepts one argument). */
export function sqlFromValue(command: Command, value: string, start: number): SqlBlock {
  return buildSqlBlock(command, [{ text: value, docStart: start }]);
}
