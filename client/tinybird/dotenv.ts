// `.env` files, read the way dotenv (16.x) reads them, in one pass that also gives each key's line:
// `KEY=value` or `KEY: value`, an optional `export ` prefix, `#` comments (also after an unquoted
// value), unquoted values trimmed, '…', "…" and `…` values kept as written (and possibly spanning
// lines), `\n` and `\r` expanded in "…" only. Unlike dotenv, a line that is not an assignment and a
// quote that never closes are reported instead of being skipped or read as text.

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line of the key. */
  line: number;
}

export interface DotenvProblem {
  line: number;
  message: string;
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=|:(?=[ \t]))[ \t]*/;
const QUOTES = `'"\``;

/** The entries of a .env text in file order (a repeated key appears twice; the later one wins in dotenv). */
export function parseDotenv(source: string): { entries: DotenvEntry[]; problems: DotenvProblem[] } {
  const text = source.replace(/\r\n?/g, '\n');
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  let line = 1;
  for (let pos = 0; pos < text.length; ) {
    const eol = endOfLine(text, pos);
    const content = text.slice(pos, eol);
    const trimmed = content.trim();
    const m = ASSIGNMENT.exec(content);
    let next = eol + 1;
    if (trimmed === '' || trimmed.startsWith('#')) {
      // blank or comment
    } else if (!m) {
      problems.push({ line, message: `expected KEY=value, found "${trimmed.slice(0, 40)}"` });
    } else {
      const key = m[1];
      const start = pos + m[0].length;
      const quoted = QUOTES.includes(text[start]) ? quotedValue(text, start) : undefined;
      if (quoted === 'unterminated') {
        problems.push({ line, message: `unterminated ${text[start]} quote in ${key}` });
      } else if (quoted) {
        entries.push({ key, value: quoted.value, line });
        next = endOfLine(text, quoted.end) + 1;
      } else {
        entries.push({ key, value: unquotedValue(text.slice(start, eol)), line });
      }
    }
    for (let i = pos; i < next && i < text.length; i++) if (text[i] === '\n') line++;
    pos = next;
  }
  return { entries, problems };
}

function endOfLine(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** Up to a `#`, trimmed. */
function unquotedValue(rest: string): string {
  const hash = rest.indexOf('#');
  return (hash < 0 ? rest : rest.slice(0, hash)).trim();
}

/** The quoted value starting at `start` (a quote), and where its closing quote ends; undefined when text other than a
 * comment follows the closing quote on its line (dotenv then reads the line as an unquoted value). */
function quotedValue(text: string, start: number): { value: string; end: number } | 'unterminated' | undefined {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' && text[i + 1] === quote ? 2 : 1;
  if (i >= text.length) return 'unterminated';
  const end = i + 1;
  const after = text.slice(end, endOfLine(text, end)).trim();
  if (after !== '' && !after.startsWith('#')) return undefined;
  const inner = text.slice(start + 1, i);
  const value = quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : inner;
  return { value, end };
}
