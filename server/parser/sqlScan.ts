// A light SQL tokenizer for analysis (not for formatting): words, quoted names, strings, numbers and
// punctuation, with template tags recognised as units. Comments are skipped.
import type { Span } from './ast';

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'template-expr' | 'template-stmt';

export interface SqlToken extends Span {
  kind: SqlTokenKind;
  text: string;
  /** Paren depth at the token (a `(` has the outer depth). */
  depth: number;
}

const UNICODE_WORD_START = /[\p{L}_$]/u;
const UNICODE_WORD_PART = /[\p{L}\p{N}_$]/u;

function isWordStart(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
  return UNICODE_WORD_START.test(ch);
}

function isWordPart(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
  return UNICODE_WORD_PART.test(ch);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Token texts up to this length are shared by every token spelled the same (longer ones are slices of the SQL). */
const INTERNED_LENGTH = 24;

export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  // SQL repeats its keywords and names: one string per spelling instead of one per token.
  const spellings = new Map<string, string>();
  let depth = 0;
  let i = 0;
  const n = text.length;
  const push = (kind: SqlTokenKind, start: number, end: number) => {
    let spelled = text.slice(start, end);
    if (end - start <= INTERNED_LENGTH) {
      const known = spellings.get(spelled);
      if (known === undefined) spellings.set(spelled, spelled);
      else spelled = known;
    }
    tokens.push({ kind, text: spelled, start, end, depth });
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%' || text[i + 1] === '#')) {
      const closer = text[i + 1] === '{' ? '}}' : text[i + 1] === '%' ? '%}' : '#}';
      const close = text.indexOf(closer, i + 2);
      const end = close < 0 ? n : close + 2;
      if (text[i + 1] === '{') push('template-expr', i, end);
      else if (text[i + 1] === '%') push('template-stmt', i, end);
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, n);
      push(c === "'" ? 'string' : 'quoted', i, end);
      i = end;
    } else if (isDigit(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && (isWordPart(text.charCodeAt(j), text[j]) || text[j] === '.')) j++;
      push('number', i, j);
      i = j;
    } else if (isWordStart(text.charCodeAt(i), c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j), text[j])) j++;
      push('word', i, j);
      i = j;
    } else {
      if (c === ')') depth = Math.max(0, depth - 1);
      push('punct', i, i + 1);
      if (c === '(') depth++;
      i++;
    }
  }
  return tokens;
}

/** A word or quoted token: something that can name a table, column or function. */
export function isName(t: SqlToken | undefined): t is SqlToken {
  return !!t && (t.kind === 'word' || t.kind === 'quoted');
}

/** The word `w` (given in lower case), in any case. */
export function isWord(t: SqlToken | undefined, w: string): boolean {
  return !!t && t.kind === 'word' && t.text.toLowerCase() === w;
}

/** The punctuation `p`. */
export function isPunct(t: SqlToken | undefined, p: string): boolean {
  return !!t && t.kind === 'punct' && t.text === p;
}

/** The identifier a word or quoted token names (quotes removed). */
export function identifierText(t: SqlToken): string {
  return t.kind === 'quoted' ? t.text.slice(1, -1) : t.text;
}
