// Which datasources' columns a SQL node can name: the datasources it reads, directly or through the
// nodes and pipes it reads (a node reading a node usually passes the columns on), by alias too; and
// which nodes a file sees (its own, then included ones). Pure computations over `SemanticLookups`,
// which the model (model.ts) records and caches per file.
import type { TableRef } from '../parser/sqlRefs';
import { endpointNode, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export interface VisibleNode {
  node: NodeFacts;
  /** The file declaring it (the `.incl` for an included node). */
  path: string;
}

/** What resolving names in a file reads from the workspace (so the model can record and re-check it). */
export interface SemanticLookups extends Pick<WorkspaceIndex, 'datasource' | 'pipe' | 'nodesOf'> {
  /** The nodes visible in a file, cached per file. */
  visibleNodes(file: FileFacts): Map<string, VisibleNode>;
}

export interface TableScope {
  /** Datasource names in scope, in FROM/JOIN order. */
  all: string[];
  /** Alias (or the table name itself) → datasources it stands for. */
  byAlias: Map<string, string[]>;
}

const MAX_DEPTH = 6;

/** Names of the nodes visible in a file, with the file declaring each (own nodes, then included). */
export function computeVisibleNodes(index: Pick<WorkspaceIndex, 'nodesOf'>, file: FileFacts): Map<string, VisibleNode> {
  const map = new Map<string, VisibleNode>();
  const entries = file.role === 'include' ? file.nodes.filter((n) => n.node.command).map((node) => ({ node, via: undefined })) : index.nodesOf(file);
  for (const { node, via } of entries) if (node.node.command && !map.has(node.name)) map.set(node.name, { node, path: via?.path ?? file.path });
  return map;
}

/** The datasources a node's SQL reads, resolved through nodes and pipes. */
export function computeTables(lookups: SemanticLookups, file: FileFacts, facts: NodeFacts): TableScope {
  const all: string[] = [];
  const byAlias = new Map<string, string[]>();
  for (const ref of tableRefs(facts)) {
    const tables = resolveTable(lookups, file, ref.name, new Set([facts.name]), 0);
    for (const t of tables) if (!all.includes(t)) all.push(t);
    byAlias.set(ref.name, tables);
    if (ref.alias) byAlias.set(ref.alias, tables);
  }
  return { all, byAlias };
}

/** The unqualified FROM/JOIN names of a node that are not its own CTEs: those that can name a node, pipe or datasource. */
function tableRefs(node: NodeFacts): TableRef[] {
  const analysis = node.analysis;
  return analysis ? analysis.refs.filter((ref) => ref.qualifier === undefined && !analysis.ctes.has(ref.name)) : [];
}

function resolveTable(lookups: SemanticLookups, file: FileFacts, name: string, seen: Set<string>, depth: number): string[] {
  if (depth > MAX_DEPTH || seen.has(`${file.path}#${name}`)) return [];
  seen.add(`${file.path}#${name}`);
  const local = lookups.visibleNodes(file).get(name);
  if (local) return nodeTables(lookups, file, local.node, seen, depth);
  if (lookups.datasource(name)) return [name];
  const pipe = lookups.pipe(name);
  const published = pipe && endpointNode(lookups, pipe);
  return published ? nodeTables(lookups, pipe, published, seen, depth) : [];
}

function nodeTables(lookups: SemanticLookups, file: FileFacts, node: NodeFacts, seen: Set<string>, depth: number): string[] {
  const out: string[] = [];
  for (const ref of tableRefs(node)) {
    for (const t of resolveTable(lookups, file, ref.name, seen, depth + 1)) if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The node a FROM/JOIN name reads: one of the file's own nodes, or a pipe's published node. */
export function computeNodeRead(lookups: SemanticLookups, file: FileFacts, name: string): NodeFacts | undefined {
  const local = lookups.visibleNodes(file).get(name);
  if (local) return local.node;
  if (lookups.datasource(name)) return undefined;
  const pipe = lookups.pipe(name);
  return pipe && endpointNode(lookups, pipe);
}
