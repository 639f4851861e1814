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

const KINDS: readonly SqlTokenKind[] = ['word', 'quoted', 'string', 'number', 'punct', 'template-expr', 'template-stmt'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));

/**
 * The tokens of a SQL text in typed arrays (13 bytes a token instead of an object of about 70), for
 * scans over a whole node's SQL: `at(k)` builds a token object on demand.
 */
export class SqlTokenStore {
  private kinds = new Uint8Array(64);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private depths = new Int32Array(64);
  length = 0;

  constructor(readonly text: string) {}

  push(kind: SqlTokenKind, start: number, end: number, depth: number): void {
    if (this.length === this.kinds.length) this.grow();
    const k = this.length++;
    this.kinds[k] = KIND_CODE.get(kind)!;
    this.starts[k] = start;
    this.ends[k] = end;
    this.depths[k] = depth;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.depths = grown(this.depths, (n) => new Int32Array(n));
  }

  kind(k: number): SqlTokenKind | undefined {
    return k >= 0 && k < this.length ? KINDS[this.kinds[k]] : undefined;
  }

  start(k: number): number {
    return this.starts[k];
  }

  depth(k: number): number {
    return this.depths[k];
  }

  /** isWord of the token at `k`, without building it (a text of another length is never `w`). */
  isWordAt(k: number, w: string): boolean {
    if (this.kind(k) !== 'word' || this.ends[k] - this.starts[k] !== w.length) return false;
    return this.text.slice(this.starts[k], this.ends[k]).toLowerCase() === w;
  }

  /** isPunct of the token at `k` (a punctuation token is one character), without building it. */
  isPunctAt(k: number, p: string): boolean {
    return this.kind(k) === 'punct' && this.text[this.starts[k]] === p;
  }

  /** The token at `k` as an object (undefined outside the store), text sliced from the SQL. */
  at(k: number): SqlToken | undefined {
    if (k < 0 || k >= this.length) return undefined;
    const start = this.starts[k];
    const end = this.ends[k];
    return { kind: KINDS[this.kinds[k]], text: this.text.slice(start, end), start, end, depth: this.depths[k] };
  }
}

/** Scans `text` into a compact token store (see tokenizeSql for the objects). */
export function scanSql(text: string): SqlTokenStore {
  const tokens = new SqlTokenStore(text);
  let depth = 0;
  let i = 0;
  const n = text.length;
  const push = (kind: SqlTokenKind, start: number, end: number) => tokens.push(kind, start, end, depth);
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

export function tokenizeSql(text: string): SqlToken[] {
  const store = scanSql(text);
  // SQL repeats its keywords and names: one string per spelling instead of one per token.
  const spellings = new Map<string, string>();
  const tokens: SqlToken[] = new Array<SqlToken>(store.length);
  for (let k = 0; k < store.length; k++) {
    const t = store.at(k)!;
    if (t.end - t.start <= INTERNED_LENGTH) {
      const known = spellings.get(t.text);
      if (known === undefined) spellings.set(t.text, t.text);
      else t.text = known;
    }
    tokens[k] = t;
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
