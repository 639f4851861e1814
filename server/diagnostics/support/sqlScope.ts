// Token-level views of one SELECT of a node's SQL: the scope a FROM/JOIN belongs to and its clauses
// (a node's output columns are the semantic layer's: server/semantic/columns.ts).
import type { Span } from '../../parser/ast';
import { identifierText, isName, isPunct, isWord, type SqlToken } from '../../parser/sqlScan';

export interface Scope {
  /** Token index range [start, end) of the SELECT (its WITH clause included). */
  start: number;
  end: number;
  depth: number;
}

const SET_OPERATORS = new Set(['union', 'except', 'intersect']);
/** Clauses that follow WHERE at the same level. */
const AFTER_WHERE = new Set(['group', 'order', 'limit', 'having', 'settings', 'format', 'window', 'qualify', 'union', 'except', 'intersect']);

/** The SELECT that the token at `k` belongs to. */
export function scopeOf(tokens: SqlToken[], k: number): Scope {
  const depth = tokens[k].depth;
  const stops = (t: SqlToken) => t.depth < depth || (t.depth === depth && t.kind === 'word' && SET_OPERATORS.has(t.text.toLowerCase()));
  let start = k;
  while (start > 0 && !stops(tokens[start - 1])) start--;
  let end = k + 1;
  while (end < tokens.length && !stops(tokens[end])) end++;
  return { start, end, depth };
}

/** `[q.]name` at token `i`: the qualifier, if any. */
function qualifierOf(tokens: SqlToken[], i: number): string | undefined {
  return isPunct(tokens[i - 1], '.') && isName(tokens[i - 2]) ? identifierText(tokens[i - 2]) : undefined;
}

const CLAUSE_WORDS = new Set(['where', 'prewhere', 'and', 'or', 'on', 'not', 'having', 'when', 'then', 'else']);
const COMPARISONS = new Set(['=', '==', '<', '>', '<=', '>=']);

/** The operator written with the punctuation tokens right before (`dir` -1) or after (+1) token `i`. */
function operatorAt(tokens: SqlToken[], i: number, dir: 1 | -1): string {
  let op = '';
  for (let j = i + dir; tokens[j]?.kind === 'punct' && '=<>!'.includes(tokens[j].text) && op.length < 2; j += dir) {
    op = dir > 0 ? op + tokens[j].text : tokens[j].text + op;
  }
  return op;
}

/** Whether the expression ending at `last` (starting at `first`) is compared with `=`, IN, BETWEEN or a range operator. */
function isCompared(tokens: SqlToken[], first: number, last: number): boolean {
  const next = tokens[last + 1];
  if (isWord(next, 'in') || isWord(next, 'between') || (isWord(next, 'global') && isWord(tokens[last + 2], 'in'))) return true;
  return COMPARISONS.has(operatorAt(tokens, last, 1)) || COMPARISONS.has(operatorAt(tokens, first, -1));
}

/**
 * Whether the scope filters the table's snapshot column (unqualified, or qualified by one of
 * `names`) by comparing it: `snapshotId = (SELECT max…)`, `l.snapshotId = latest.maxSnapshotId`,
 * `snapshotId IN (…)`, `(slug, snapshotId) IN (…)`, `snapshotId >= lastSnapshotId`,
 * `snapshotId = {{ … }}`, or the comparison reversed. Such a read is snapshot-aware.
 */
export function restrictsColumn(tokens: SqlToken[], scope: Scope, column: string, names: readonly string[]): boolean {
  for (let i = scope.start; i < scope.end; i++) {
    const t = tokens[i];
    if ((t.depth !== scope.depth && t.depth !== scope.depth + 1) || !isName(t) || identifierText(t) !== column) continue;
    const q = qualifierOf(tokens, i);
    if (q !== undefined && !names.includes(q)) continue;
    const first = q === undefined ? i : i - 2;
    if (t.depth === scope.depth) {
      if (isCompared(tokens, first, i)) return true;
      continue;
    }
    // Inside a tuple: `(a, snapshotId) IN (…)`.
    let open = first - 1;
    while (open > scope.start && !(isPunct(tokens[open], '(') && tokens[open].depth === scope.depth)) open--;
    let close = i + 1;
    while (close < scope.end && !(isPunct(tokens[close], ')') && tokens[close].depth === scope.depth)) close++;
    const before = tokens[open - 1];
    const call = before?.kind === 'word' && !CLAUSE_WORDS.has(before.text.toLowerCase());
    if (isPunct(tokens[open], '(') && !call && close < scope.end && isCompared(tokens, open, close)) return true;
  }
  return false;
}

/** Whether the SELECT list before token `k` aggregates the column with max()/min() (it computes the latest snapshot). */
export function aggregatesColumn(tokens: SqlToken[], scope: Scope, k: number, column: string): boolean {
  let select = k;
  while (select > scope.start && !(tokens[select].depth === scope.depth && isWord(tokens[select], 'select'))) select--;
  for (let i = select; i < k; i++) {
    const t = tokens[i];
    if (!(isWord(t, 'max') || isWord(t, 'min')) || !isPunct(tokens[i + 1], '(')) continue;
    let j = i + 2;
    if (isPunct(tokens[j + 1], '.')) j += 2;
    if (isName(tokens[j]) && identifierText(tokens[j]) === column && isPunct(tokens[j + 1], ')')) return true;
  }
  return false;
}

export interface FilterInsertion {
  /** Edits in SQL text offsets. */
  edits: { span: Span; newText: string }[];
}

/**
 * Edits that add `condition` to the SELECT holding the FROM/JOIN at token `k`: first in its WHERE
 * (`WHERE cond AND …`, the old condition parenthesised when it has a top-level OR), or as a new
 * WHERE before GROUP BY/ORDER BY/LIMIT/…. Undefined when a template block sits in the way.
 */
export function insertCondition(tokens: SqlToken[], k: number, condition: string): FilterInsertion | undefined {
  const scope = scopeOf(tokens, k);
  const atDepth = (i: number) => tokens[i].depth === scope.depth;
  let i = k + 1;
  while (i < scope.end && !(atDepth(i) && (isWord(tokens[i], 'where') || (tokens[i].kind === 'word' && AFTER_WHERE.has(tokens[i].text.toLowerCase()))))) {
    if (tokens[i].kind === 'template-stmt') return undefined;
    i++;
  }
  if (i < scope.end && isWord(tokens[i], 'where')) {
    let end = i + 1;
    let hasOr = false;
    while (end < scope.end && !(atDepth(end) && tokens[end].kind === 'word' && AFTER_WHERE.has(tokens[end].text.toLowerCase()))) {
      if (atDepth(end) && isWord(tokens[end], 'or')) hasOr = true;
      end++;
    }
    const last = tokens[end - 1];
    if (end === i + 1) return undefined;
    if (!hasOr) return { edits: [{ span: { start: tokens[i].end, end: tokens[i].end }, newText: ` ${condition} AND` }] };
    return {
      edits: [
        { span: { start: tokens[i].end, end: tokens[i + 1].start }, newText: ` ${condition} AND (` },
        { span: { start: last.end, end: last.end }, newText: ')' },
      ],
    };
  }
  const before = tokens[i - 1];
  return { edits: [{ span: { start: before.end, end: before.end }, newText: ` WHERE ${condition}` }] };
}

/** Whether the scope joins other tables (then the column must be qualified). */
export function hasJoin(tokens: SqlToken[], scope: Scope): boolean {
  for (let i = scope.start; i < scope.end; i++) if (tokens[i].depth === scope.depth && isWord(tokens[i], 'join')) return true;
  return false;
}
