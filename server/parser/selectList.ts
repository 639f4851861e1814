// A query's SELECT list: its items, split at the commas of its own depth, and the column name each
// item outputs (an alias, explicit or implicit, or the plain column it selects).
import { identifierText, isName, isPunct, isWord, type SqlToken } from './sqlScan';

/** Words that end a SELECT list when they stand at the list's depth. */
const SELECT_LIST_END = new Set(['from', 'where', 'prewhere', 'group', 'order', 'limit', 'having', 'union', 'settings', 'format', 'window', 'qualify', 'into', 'except', 'intersect']);

/** Words that can follow an expression without being its alias (`CASE … END`, `x DESC`, `INTERVAL 1 DAY`). */
const NOT_IMPLICIT_ALIAS = new Set(['end', 'null', 'true', 'false', 'desc', 'asc', 'day', 'hour', 'minute', 'second', 'week', 'month', 'year', 'quarter', 'distinct']);

export interface SelectList {
  /** Each item's tokens, template statement tags left out. */
  items: SqlToken[][];
  /** Whether `{% … %}` tags stand in the list: its items then depend on template branches. */
  templated: boolean;
}

/**
 * The list after the SELECT token at index `select` (DISTINCT / DISTINCT ON (…) / ALL skipped),
 * ending at a clause keyword of the same depth, at the end of the enclosing brackets, or at `endOffset`.
 */
export function selectListAt(tokens: readonly SqlToken[], select: number, endOffset = Infinity): SelectList {
  const depth = tokens[select].depth;
  let k = select + 1;
  if (isWord(tokens[k], 'distinct') && isWord(tokens[k + 1], 'on')) {
    k += 2;
    while (k < tokens.length && !(isPunct(tokens[k], ')') && tokens[k].depth === depth)) k++;
    k++;
  }
  while (isWord(tokens[k], 'distinct') || isWord(tokens[k], 'all')) k++;
  const items: SqlToken[][] = [[]];
  let templated = false;
  for (; k < tokens.length && tokens[k].start < endOffset && tokens[k].depth >= depth; k++) {
    const t = tokens[k];
    if (t.depth === depth && t.kind === 'word' && SELECT_LIST_END.has(t.text.toLowerCase())) break;
    if (t.kind === 'template-stmt') templated = true;
    else if (t.depth === depth && isPunct(t, ',')) items.push([]);
    else items[items.length - 1].push(t);
  }
  return { items: items.filter((item) => item.length), templated };
}

export interface OutputName {
  name: string;
  /** The alias token when the name is an alias (then the expression is the item without it and any AS). */
  alias?: SqlToken;
}

/** The column name a SELECT item outputs, when it can be known statically. */
export function outputName(item: readonly SqlToken[]): OutputName | undefined {
  const n = item.length;
  const last = item[n - 1];
  if (!isName(last) || last.depth !== item[0].depth) return undefined;
  if (n === 1) return { name: identifierText(last) };
  const prev = item[n - 2];
  if (isWord(prev, 'as')) return { name: identifierText(last), alias: last };
  if (isPunct(prev, '.') && n === 3 && isName(item[0])) return { name: identifierText(last) };
  const implicit = prev.kind === 'quoted' || prev.kind === 'string' || prev.kind === 'number' || isPunct(prev, ')') || isPunct(prev, ']') || (prev.kind === 'word' && n === 2);
  if (implicit && !(last.kind === 'word' && NOT_IMPLICIT_ALIAS.has(last.text.toLowerCase()))) return { name: identifierText(last), alias: last };
  return undefined;
}

/** An item without its alias (and the AS before it), i.e. the selected expression. */
export function itemExpression(item: readonly SqlToken[], name: OutputName | undefined): readonly SqlToken[] {
  if (!name?.alias) return item;
  return item.slice(0, isWord(item[item.length - 2], 'as') ? -2 : -1);
}
