// The line lexer tb uses: Python `shlex.shlex(line)` in non-POSIX mode with whitespace_split.
// Quotes stay in tokens, a quoted token ends at its closing quote, quotes inside a word are plain
// characters, and `#` starts a comment even in the middle of a word.
import type { Token } from './ast';

const isWhitespace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

export class NoClosingQuotation extends Error {}

/** Lexes one line (without its terminator). Offsets are added to `base`. Throws NoClosingQuotation. */
export function shlexStrict(line: string, base = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
    } else if (c === HASH) {
      break;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const close = line.indexOf(line[i], i + 1);
      if (close < 0) throw new NoClosingQuotation();
      tokens.push({ text: line.slice(i, close + 1), start: base + i, end: base + close + 1 });
      i = close + 1;
    } else {
      const start = i;
      while (i < line.length && !isWhitespace(line.charCodeAt(i)) && line.charCodeAt(i) !== HASH) i++;
      tokens.push({ text: line.slice(start, i), start: base + start, end: base + i });
      if (line.charCodeAt(i) === HASH) break;
    }
  }
  return tokens;
}

/** Whether shlex yields at least one token for the line `text[start, end)` (an unclosed quote still yields one). */
export function hasShlexToken(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) return c !== HASH;
  }
  return false;
}

const SHLEX_SAFE = /^[\w@%+=:,./-]+$/;

/** Python's shlex.quote. */
function pythonShlexQuote(s: string): string {
  if (s === '') return "''";
  if (SHLEX_SAFE.test(s) && /^[\x00-\x7f]*$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'"'"'`) + "'";
}

export interface LexedLine {
  tokens: Token[];
  /** True when tb had to re-lex the quoted line (an unclosed quote). */
  unclosedQuote: boolean;
}

/**
 * Lexes a line as tb's parser does. On an unclosed quote tb lexes `shlex.quote(line)` instead; the
 * resulting tokens do not map to the line's characters, so they all get the whole line's span.
 */
export function lexLine(line: string, base = 0): LexedLine {
  try {
    return { tokens: shlexStrict(line, base), unclosedQuote: false };
  } catch (e) {
    if (!(e instanceof NoClosingQuotation)) throw e;
    // tb's lines still carry their "\n", which is not shlex-safe, so the quoting always happens.
    const quoted = pythonShlexQuote(line + '\n');
    const tokens = shlexStrict(quoted).map((t) => ({ text: t.text, start: base, end: base + line.length }));
    return { tokens, unclosedQuote: true };
  }
}

/** tb's `_unquote`: strips the first and last character when both are quotes (any mix). */
export function unquote(x: string): string {
  if (x.length > 0 && (x[0] === '"' || x[0] === "'") && (x[x.length - 1] === '"' || x[x.length - 1] === "'")) {
    return x.slice(1, -1);
  }
  return x;
}
