// Line splitting as Python's universal newlines do it (\r\n, \r and \n all end a line), keeping
// document offsets, plus offset <-> (line, character) conversion.

export interface RawLine {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the content (before the line terminator). */
  end: number;
  text: string;
}

/** The lines of a text as offsets in typed arrays (8 bytes a line); `at(n)` builds a RawLine on demand. */
export class LineTable {
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  readonly count: number;

  constructor(readonly text: string) {
    let count = 0;
    const add = (start: number, end: number) => {
      if (count === this.starts.length) {
        const starts = new Int32Array(count * 2);
        const ends = new Int32Array(count * 2);
        starts.set(this.starts);
        ends.set(this.ends);
        this.starts = starts;
        this.ends = ends;
      }
      this.starts[count] = start;
      this.ends[count++] = end;
    };
    let start = 0;
    if (!text.includes('\r')) {
      // the usual text: indexOf finds each line end natively, where a loop would visit every character
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        add(start, nl);
        start = nl + 1;
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */ || c === 13 /* \r */) {
          add(start, i);
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          start = i + 1;
        }
      }
    }
    if (start < text.length) add(start, text.length);
    this.count = count;
  }

  start(n: number): number {
    return this.starts[n];
  }

  end(n: number): number {
    return this.ends[n];
  }

  lineText(n: number): string {
    return this.text.slice(this.starts[n], this.ends[n]);
  }

  at(n: number): RawLine {
    return { start: this.starts[n], end: this.ends[n], text: this.text.slice(this.starts[n], this.ends[n]) };
  }

  /** computeLineStarts(text), from the table instead of another pass over the text. */
  lineStarts(): number[] {
    const starts: number[] = [];
    for (let n = 0; n < this.count; n++) starts.push(this.starts[n]);
    const last = this.text.charCodeAt(this.text.length - 1);
    if (starts.length === 0 || last === 10 || last === 13) starts.push(this.text.length);
    return starts;
  }
}

export function splitLines(text: string): RawLine[] {
  const table = new LineTable(text);
  return Array.from({ length: table.count }, (_, n) => table.at(n));
}

/** Offsets of every line start (LSP lines: \r\n, \r and \n each end a line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export interface Position {
  line: number;
  character: number;
}

/**
 * Index of the last entry `<= value` in ascending `starts` (entries `stride` apart, e.g. pairs);
 * 0 when `value` lies before the first entry.
 */
export function lastAtOrBefore(starts: ArrayLike<number>, value: number, stride = 1): number {
  let lo = 0;
  let hi = Math.floor(starts.length / stride) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid * stride] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = lastAtOrBefore(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

export function offsetAt(lineStarts: readonly number[], textLength: number, position: Position): number {
  if (position.line >= lineStarts.length) return textLength;
  if (position.line < 0) return 0;
  const lineStart = lineStarts[position.line];
  const next = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : textLength;
  return Math.min(lineStart + Math.max(0, position.character), next);
}

/** A span of some text (a block, a value) mapped to document offsets; the end maps as its last character plus one. */
export function mapSpan(start: number, end: number, toDocument: (offset: number) => number): { start: number; end: number } {
  return { start: toDocument(start), end: toDocument(Math.max(start, end - 1)) + (end > start ? 1 : 0) };
}
