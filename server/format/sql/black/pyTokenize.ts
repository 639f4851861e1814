/** A minimal Python tokenizer for the code inside template tags (§6.3). */

export type PyTokenKind = 'name' | 'number' | 'string' | 'op';

export interface PyToken {
  kind: PyTokenKind;
  value: string;
}

export class PySyntaxError extends Error {}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '==', '<=', '>=', '->', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '@=', ':=', '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}',
  ',', ':', ';', '.', '=',
];
/** The first of OPERATORS at a position (alternatives are tried in order, as `find` would). */
const OPERATOR = new RegExp(OPERATORS.map((o) => o.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'), 'y');
const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const STRING_START = /(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?:'''|"""|'|")/y;
const NUMBER =
  /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][-+]?[0-9](?:_?[0-9])*)?[jJ]?)/y;
const SPACE = /[ \t\f]+|\\\r?\n/y;

/** black's numeric normalisation: lower-case prefixes/exponents/suffixes, upper-case hex digits. */
function normalizeNumber(text: string): string {
  const lower = text.toLowerCase();
  if (lower.startsWith('0x')) return `0x${text.slice(2).toUpperCase()}`;
  if (lower.startsWith('0o') || lower.startsWith('0b')) return lower;
  return lower;
}

function scanString(src: string, pos: number, quoteStart: number): number {
  const triple = src.startsWith("'''", quoteStart) || src.startsWith('"""', quoteStart);
  const quote = triple ? src.slice(quoteStart, quoteStart + 3) : src[quoteStart];
  let i = quoteStart + quote.length;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (src.startsWith(quote, i)) return i + quote.length;
    if (!triple && c === '\n') break;
    i++;
  }
  throw new PySyntaxError(`unterminated string at ${pos}`);
}

/**
 * Tokenizes code; newlines outside brackets are reported as `;`-like separators by the parser.
 * `#` comments are an error unless `skipComments` (black's subset cannot keep them; a syntax check can).
 */
export function tokenize(src: string, skipComments = false): { tokens: PyToken[]; newlines: number[] } {
  const tokens: PyToken[] = [];
  const newlines: number[] = [];
  let pos = 0;
  let depth = 0;
  while (pos < src.length) {
    const c = src[pos];
    SPACE.lastIndex = pos;
    const sp = c === ' ' || c === '\t' || c === '\f' || c === '\\' ? SPACE.exec(src) : null;
    if (sp) {
      pos += sp[0].length;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (depth === 0 && tokens.length) newlines.push(tokens.length);
      pos++;
      continue;
    }
    if (c === '#') {
      if (!skipComments) throw new PySyntaxError('comments are not supported');
      while (pos < src.length && src[pos] !== '\n' && src[pos] !== '\r') pos++;
      continue;
    }
    STRING_START.lastIndex = pos;
    const ss = STRING_START.exec(src);
    if (ss) {
      const end = scanString(src, pos, pos + ss[0].length - (ss[0].endsWith("'''") || ss[0].endsWith('"""') ? 3 : 1));
      tokens.push({ kind: 'string', value: src.slice(pos, end) });
      pos = end;
      continue;
    }
    NUMBER.lastIndex = pos;
    const num = /[0-9.]/u.test(c) ? NUMBER.exec(src) : null;
    if (num && num[0] !== '.' && num[0] !== '') {
      tokens.push({ kind: 'number', value: normalizeNumber(num[0]) });
      pos += num[0].length;
      continue;
    }
    NAME.lastIndex = pos;
    const name = NAME.exec(src);
    if (name) {
      tokens.push({ kind: 'name', value: name[0] });
      pos += name[0].length;
      continue;
    }
    OPERATOR.lastIndex = pos;
    const op = OPERATOR.exec(src)?.[0];
    if (!op) throw new PySyntaxError(`unexpected character ${c}`);
    if (op === '(' || op === '[' || op === '{') depth++;
    else if (op === ')' || op === ']' || op === '}') depth--;
    tokens.push({ kind: 'op', value: op });
    pos += op.length;
  }
  return { tokens, newlines };
}
