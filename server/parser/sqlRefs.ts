// Table references of a SQL node: names after FROM/JOIN (also in subqueries, CTE bodies and every
// template branch), CTE names, table functions, aliases, and the tables a node computes itself (CTE
// bodies and subqueries in FROM/JOIN, with their alias).
import type { Span } from './ast';
import { identifierText, isName, isPunct, isWord, scanSql, tokenizeSql, type SqlToken, type SqlTokenStore } from './sqlScan';

export interface TableRef {
  /** The referenced name (the last part of `db.table`). */
  name: string;
  /** `db` of `db.table`, if present. */
  qualifier?: string;
  /** Span of the name (offsets in the SQL text). */
  span: Span;
  /** Span of the whole reference, qualifier included. */
  fullSpan: Span;
  alias?: string;
  /** Paren depth of the reference. */
  depth: number;
  /** Index of the FROM/JOIN keyword token, for analyses that need the surrounding clause. */
  keywordToken: number;
}

export interface SqlAnalysis {
  /** The SQL's tokens, recomputed on each access (cheap) so that an index of thousands of nodes does not retain them. */
  readonly tokens: SqlToken[];
  refs: TableRef[];
  /** CTE names defined in this SQL (`WITH name AS (…)`). */
  ctes: Set<string>;
  /** Table functions called after FROM/JOIN (e.g. `numbers`). */
  tableFunctions: { name: string; span: Span }[];
  /** CTE bodies and subqueries in FROM/JOIN, in text order. */
  derived: DerivedTable[];
}

/** A table computed inside the SQL: `WITH name AS (…)` or `FROM (…) [AS] name`. */
export interface DerivedTable {
  kind: 'cte' | 'subquery';
  /** The CTE name or the subquery's alias (an unaliased subquery has none). */
  name?: string;
  /** Offset of the opening parenthesis. */
  open: number;
  /** Offset of the closing parenthesis (the text's end when it is missing). */
  close: number;
}

const NOT_ALIAS = new Set(
  [
    'where', 'group', 'order', 'limit', 'having', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'any',
    'all', 'semi', 'anti', 'asof', 'array', 'global', 'on', 'using', 'union', 'final', 'sample', 'prewhere',
    'settings', 'format', 'window', 'qualify', 'except', 'intersect', 'into', 'with', 'select', 'from', 'as', 'paste',
    'offset', 'natural', 'by',
  ],
);

/** Functions whose arguments use FROM as a keyword (`extract(day FROM ts)`, `trim(BOTH ' ' FROM s)`). */
const FROM_ARGUMENT_FUNCTIONS = new Set(['extract', 'trim', 'substring', 'substr', 'overlay']);

const BRANCH_TAG = /^\{%-?\s*(else|elif)\b/;
const BLOCK_OPEN_TAG = /^\{%-?\s*(if|for)\b/;
const BLOCK_END_TAG = /^\{%-?\s*end\b/;

/**
 * How many template blocks opened after token `from` are still open at token `to`; `to` only grows
 * between calls, so the scan resumes where it stopped (linear over a whole ref list).
 */
function blocksOpenedAfter(tokens: SqlTokenStore, from: number): (to: number) => number {
  let open = 0;
  let i = from + 1;
  return (to) => {
    for (; i < to; i++) {
      if (tokens.kind(i) !== 'template-stmt') continue;
      const tag = tokens.at(i)!.text;
      if (BLOCK_OPEN_TAG.test(tag)) open++;
      else if (BLOCK_END_TAG.test(tag) && open > 0) open--;
    }
    return open;
  };
}

/** For each `(` token, the index of its matching `)` token (-1 when it is missing); one pass. */
function matchingParens(tokens: SqlTokenStore): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens.kind(k) !== 'punct') continue;
    const c = tokens.text[tokens.start(k)];
    if (c === '(') open.push(k);
    else if (c === ')' && open.length) match[open.pop()!] = k;
  }
  return match;
}

export function analyzeSql(text: string): SqlAnalysis {
  // The getter lives in a scope that holds only `text`: a closure next to `tokens` would retain them.
  return {
    ...referencesOf(text),
    get tokens() {
      return tokenizeSql(text);
    },
  };
}

function referencesOf(text: string): Omit<SqlAnalysis, 'tokens'> {
  const tokens = scanSql(text);
  const parens = matchingParens(tokens);
  const closeOf = (k: number): number => (parens[k] >= 0 ? tokens.start(parens[k]) : text.length);
  const refs: TableRef[] = [];
  const ctes = new Set<string>();
  const tableFunctions: SqlAnalysis['tableFunctions'] = [];
  const derived: DerivedTable[] = [];
  // The function name that opened each paren level, to recognise extract(… FROM …).
  const openers: (string | undefined)[] = [];

  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens.kind(k);
    // Most tokens are neither names nor a `(`: they are skipped without building an object.
    if (kind === 'punct') {
      if (tokens.isPunctAt(k, '(')) openers[tokens.depth(k)] = tokens.kind(k - 1) === 'word' ? tokens.at(k - 1)!.text.toLowerCase() : undefined;
      continue;
    }
    if (kind !== 'word' && kind !== 'quoted') continue;
    // CTE: `WITH [RECURSIVE] name AS (` or `, name AS (` inside a WITH list.
    if (tokens.isWordAt(k + 1, 'as') && tokens.isPunctAt(k + 2, '(')) {
      const t = tokens.at(k)!;
      const prev = tokens.at(k - 1);
      const withKeyword = isWord(prev, 'with') || (isWord(prev, 'recursive') && isWord(tokens.at(k - 2), 'with'));
      if (prev && (withKeyword || isPunct(prev, ','))) {
        ctes.add(identifierText(t));
        derived.push({ kind: 'cte', name: identifierText(t), open: tokens.start(k + 2), close: closeOf(k + 2) });
      }
      continue;
    }
    if (kind !== 'word') continue;
    if (tokens.isWordAt(k, 'from')) {
      const depth = tokens.depth(k);
      if (depth > 0 && FROM_ARGUMENT_FUNCTIONS.has(openers[depth - 1] ?? '')) continue;
      k = readRefList(tokens, k, refs, tableFunctions, true);
      subqueryAt(tokens, k + 1, parens, closeOf, derived);
    } else if (tokens.isWordAt(k, 'join')) {
      const prev = tokens.at(k - 1);
      const prev2 = tokens.at(k - 2);
      if (isWord(prev, 'array') || (isWord(prev2, 'array') && (isWord(prev, 'left') || isWord(prev, 'inner')))) continue;
      k = readRefList(tokens, k, refs, tableFunctions, false);
      subqueryAt(tokens, k + 1, parens, closeOf, derived);
    }
  }
  return { refs, ctes, tableFunctions, derived };
}

/** Records `(SELECT …) [AS] alias` starting at token `k` (right after FROM/JOIN), without consuming it. */
function subqueryAt(tokens: SqlTokenStore, k: number, parens: Int32Array, closeOf: (k: number) => number, derived: DerivedTable[]): void {
  const open = tokens.at(k);
  if (!open || !isPunct(open, '(') || !(isWord(tokens.at(k + 1), 'select') || isWord(tokens.at(k + 1), 'with'))) return;
  const close = closeOf(k);
  let j = (parens[k] >= 0 ? parens[k] : tokens.length) + 1;
  if (isWord(tokens.at(j), 'as')) j++;
  const alias = tokens.at(j);
  const named = isName(alias) && !(alias.kind === 'word' && NOT_ALIAS.has(alias.text.toLowerCase()));
  derived.push({ kind: 'subquery', name: named ? identifierText(alias) : undefined, open: open.start, close });
}

/** Reads `name [AS alias] [, name …]` after the keyword at `k`; returns the last consumed index. */
function readRefList(
  tokens: SqlTokenStore,
  k: number,
  refs: TableRef[],
  tableFunctions: SqlAnalysis['tableFunctions'],
  allowList: boolean,
): number {
  const keywordToken = k;
  const blocksOpenedUntil = blocksOpenedAfter(tokens, keywordToken);
  let j = k + 1;
  for (;;) {
    while (tokens.kind(j) === 'template-stmt') j++;
    const first = tokens.at(j);
    if (!isName(first) || (first.kind === 'word' && NOT_ALIAS.has(first.text.toLowerCase()) && !isPunct(tokens.at(j + 1), '.'))) {
      return j - 1;
    }
    let last = first;
    let qualifier: string | undefined;
    if (isPunct(tokens.at(j + 1), '.') && isName(tokens.at(j + 2))) {
      qualifier = identifierText(first);
      last = tokens.at(j + 2)!;
      j += 2;
    }
    if (isPunct(tokens.at(j + 1), '(')) {
      tableFunctions.push({ name: identifierText(last), span: { start: first.start, end: last.end } });
      return j;
    }
    const ref: TableRef = {
      name: identifierText(last),
      qualifier,
      span: { start: last.start, end: last.end },
      fullSpan: { start: first.start, end: last.end },
      depth: first.depth,
      keywordToken,
    };
    refs.push(ref);
    j++;
    if (isWord(tokens.at(j), 'final')) j++;
    const next = tokens.at(j);
    const afterNext = tokens.at(j + 1);
    if (isWord(next, 'as') && isName(afterNext)) {
      ref.alias = identifierText(afterNext);
      j += 2;
    } else if (isName(next) && !(next.kind === 'word' && NOT_ALIAS.has(next.text.toLowerCase()))) {
      ref.alias = identifierText(next);
      j++;
    }
    if (isWord(tokens.at(j), 'final')) j++;
    // `FROM {% if c %} a {% else %} b {% end %}`: each branch names a table. An else/elif of a block
    // opened before the keyword (`{% if c %} … FROM a {% else %} b FROM c {% end %}`) ends the list.
    let after = j;
    let branch = false;
    for (; tokens.kind(after) === 'template-stmt'; after++) {
      if (BRANCH_TAG.test(tokens.at(after)!.text) && blocksOpenedUntil(after) > 0) branch = true;
    }
    if (branch) {
      j = after;
      continue;
    }
    const separator = tokens.at(j);
    if (allowList && isPunct(separator, ',') && separator?.depth === first.depth) {
      j++;
      continue;
    }
    return j - 1;
  }
}
