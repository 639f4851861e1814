// The columns a resource or node produces: a datasource's SCHEMA, and what a node's top-level SELECT
// list outputs (its names, whether it passes a table's columns on with `*`, the items themselves).
import type { Column, Span } from '../parser/ast';
import { outputName, selectListAt, type SelectList } from '../parser/selectList';
import { isPunct, isWord, type SqlToken } from '../parser/sqlScan';
import { columnsIn, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

/** A column's type as ClickHouse shows it (`Nullable(T)` for nullable columns). */
export const columnType = (c: Column) => (c.nullable ? `Nullable(${c.type})` : c.type);

/** The SCHEMA columns of a datasource, by name. */
export function columnsOf(index: Pick<WorkspaceIndex, 'datasource'>, name: string): Map<string, Column> | undefined {
  const ds = index.datasource(name);
  return ds && columnsIn(ds);
}

/** The first of some datasources that has a column of that name. */
export function ownerOf(index: Pick<WorkspaceIndex, 'datasource'>, datasources: string[], column: string): string | undefined {
  return datasources.find((ds) => columnsOf(index, ds)?.has(column));
}

/** The SELECT list of a query's top level (after its CTEs), if it has one. */
export function topSelectList(tokens: SqlToken[]): SelectList | undefined {
  const select = tokens.findIndex((t) => t.depth === 0 && isWord(t, 'select'));
  return select < 0 ? undefined : selectListAt(tokens, select);
}

/** Whether a SELECT list has `*` or `t.*` among its items. */
export const selectsStar = (list: SelectList) => list.items.some((i) => isPunct(i[i.length - 1], '*'));

/** What a node outputs: the names of its SELECT list, and whether it also passes a table's columns on (`*`, `t.*`, template blocks). */
export interface NodeOutputs {
  names: string[];
  passesColumns: boolean;
}

/** The output columns of a node's top-level SELECT list. */
export function nodeOutputs(node: NodeFacts): NodeOutputs {
  const list = node.analysis && topSelectList(node.analysis.tokens);
  if (!list) return { names: [], passesColumns: true };
  const names: string[] = [];
  for (const item of list.items) {
    const name = outputName(item)?.name;
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return { names, passesColumns: list.templated || selectsStar(list) };
}

export interface SelectOutput {
  /** Undefined when the name cannot be known statically (expression without alias, template). */
  name?: string;
  /** Offsets in the SQL text. */
  span: Span;
}

/** Output columns of the node's main (first top-level) SELECT; undefined when it selects `*` or uses template blocks in its list. */
export function selectOutputs(tokens: SqlToken[]): SelectOutput[] | undefined {
  const list = topSelectList(tokens);
  if (!list || list.templated) return undefined;
  const out: SelectOutput[] = [];
  for (const item of list.items) {
    if (item.some((t) => isPunct(t, '*') && t.depth === 0 && (item.length === 1 || isPunct(item[item.length - 2], '.')))) return undefined;
    out.push({ name: outputName(item)?.name, span: { start: item[0].start, end: item[item.length - 1].end } });
  }
  return out;
}
