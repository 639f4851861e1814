// Which datasources' columns a SQL node can name: the datasources it reads, directly or through the
// nodes and pipes it reads (a node reading a node usually passes the columns on), by alias too.
import type { Column } from '../parser/ast';
import { outputName, selectListAt } from '../parser/selectList';
import { isPunct, isWord } from '../parser/sqlScan';
import { endpointNode, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { derivedOf } from '../workspace/queries';

/** The index lookups column resolution makes (so a cache can record and re-check them). */
export type IndexLookups = Pick<WorkspaceIndex, 'datasource' | 'pipe' | 'nodesOf'>;

export interface TableScope {
  /** Datasource names in scope, in FROM/JOIN order. */
  all: string[];
  /** Alias (or the table name itself) → datasources it stands for. */
  byAlias: Map<string, string[]>;
}

const MAX_DEPTH = 6;

/** Names of the nodes visible in a file, with the file declaring each (own nodes, then included). */
export function visibleNodes(index: IndexLookups, file: FileFacts): Map<string, { node: NodeFacts; path: string }> {
  const map = new Map<string, { node: NodeFacts; path: string }>();
  const entries = file.role === 'include' ? file.nodes.filter((n) => n.node.command).map((node) => ({ node, via: undefined })) : index.nodesOf(file);
  for (const { node, via } of entries) if (node.node.command && !map.has(node.name)) map.set(node.name, { node, path: via?.path ?? file.path });
  return map;
}

/** A column's type as ClickHouse shows it (`Nullable(T)` for nullable columns). */
export const columnType = (c: Column) => (c.nullable ? `Nullable(${c.type})` : c.type);

/** The SCHEMA columns of a datasource, by name. */
export function columnsOf(index: IndexLookups, name: string): Map<string, Column> | undefined {
  const ds = index.datasource(name);
  return ds && columnsIn(ds);
}

/** The SCHEMA columns of a datasource file, by name. */
export const columnsIn: (ds: FileFacts) => Map<string, Column> = derivedOf((ds) => {
  const map = new Map<string, Column>();
  for (const node of ds.parsed.nodes) for (const c of node.schema?.columns ?? []) map.set(c.name, c);
  return map;
});

/** The first of some datasources that has a column of that name. */
export function ownerOf(index: IndexLookups, datasources: string[], column: string): string | undefined {
  return datasources.find((ds) => columnsOf(index, ds)?.has(column));
}

/** The datasources a node's SQL reads, resolved through nodes and pipes. */
export function sqlTables(index: IndexLookups, file: FileFacts, facts: NodeFacts): TableScope {
  const all: string[] = [];
  const byAlias = new Map<string, string[]>();
  for (const ref of facts.analysis?.refs ?? []) {
    if (ref.qualifier !== undefined || facts.analysis!.ctes.has(ref.name)) continue;
    const tables = resolveTable(index, file, ref.name, new Set([facts.name]), 0);
    for (const t of tables) if (!all.includes(t)) all.push(t);
    byAlias.set(ref.name, tables);
    if (ref.alias) byAlias.set(ref.alias, tables);
  }
  return { all, byAlias };
}

function resolveTable(index: IndexLookups, file: FileFacts, name: string, seen: Set<string>, depth: number): string[] {
  if (depth > MAX_DEPTH || seen.has(`${file.path}#${name}`)) return [];
  seen.add(`${file.path}#${name}`);
  const local = visibleNodes(index, file).get(name);
  if (local) return nodeTables(index, file, local.node, seen, depth);
  if (index.datasource(name)) return [name];
  const pipe = index.pipe(name);
  const published = pipe && endpointNode(index, pipe);
  return published ? nodeTables(index, pipe, published, seen, depth) : [];
}

function nodeTables(index: IndexLookups, file: FileFacts, node: NodeFacts, seen: Set<string>, depth: number): string[] {
  const out: string[] = [];
  for (const ref of node.analysis?.refs ?? []) {
    if (ref.qualifier !== undefined || node.analysis!.ctes.has(ref.name)) continue;
    for (const t of resolveTable(index, file, ref.name, seen, depth + 1)) if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** What a node outputs: the names of its SELECT list, and whether it also passes a table's columns on (`*`, `t.*`, template blocks). */
export interface NodeOutputs {
  names: string[];
  passesColumns: boolean;
}

/** The output columns of a node's top-level SELECT list. */
export function nodeOutputs(node: NodeFacts): NodeOutputs {
  const tokens = node.analysis?.tokens;
  const select = tokens?.findIndex((t) => t.depth === 0 && isWord(t, 'select')) ?? -1;
  if (!tokens || select < 0) return { names: [], passesColumns: true };
  const list = selectListAt(tokens, select);
  const names: string[] = [];
  let passesColumns = list.templated;
  for (const item of list.items) {
    const name = outputName(item)?.name;
    if (name !== undefined && !names.includes(name)) names.push(name);
    if (isPunct(item[item.length - 1], '*')) passesColumns = true;
  }
  return { names, passesColumns };
}

/** The node a FROM/JOIN name reads: one of the file's own nodes, or a pipe's published node. */
export function nodeRead(index: IndexLookups, file: FileFacts, name: string): NodeFacts | undefined {
  const local = visibleNodes(index, file).get(name);
  if (local) return local.node;
  if (index.datasource(name)) return undefined;
  const pipe = index.pipe(name);
  return pipe && endpointNode(index, pipe);
}
