// The semantic model of a file: its nodes in tb's order and the one it publishes, the nodes it sees
// by name, the tables each node's SQL reads, its template parameters, the names its INCLUDE variables
// build and (symbols.ts) every resolved name. Each is a query of the index's dependency model
// (`WorkspaceIndex.fileQuery`): computed once per version of the file's facts, with the index reads
// it made recorded, and recomputed only when one of them changes.
import { endpointNode, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { templateParameters } from '../parser/templateParams';
import type { TemplateParameter } from '../protocol';
import { computeVariableNames } from './includes';
import { computeNodeRead, computeTables, computeVisibleNodes, type SemanticLookups, type TableScope } from './scopes';

/** A fact of one file, as a query of the index (`fact` names its kind). */
export function fileFact<V>(index: WorkspaceIndex, file: FileFacts, fact: string, compute: () => V): V {
  return index.fileQuery(`semantic.${fact}`, file, () => {
    visited(file, fact);
    return compute();
  });
}

/** The lookups name resolution makes, the per-file ones through their queries. */
export function lookupsOf(index: WorkspaceIndex): SemanticLookups {
  return {
    datasource: (name) => index.datasource(name),
    pipe: (name) => index.pipe(name),
    nodesOf: (file) => nodesOf(index, file),
    visibleNodes: (file) => visibleNodes(index, file),
  };
}

/** The file's nodes in tb's order, included ones where their INCLUDE stands (`WorkspaceIndex.nodesOf`). */
export const nodesOf = (index: WorkspaceIndex, file: FileFacts) => fileFact(index, file, 'nodes', () => index.nodesOf(file));

/** The node the file publishes as an endpoint, if any (`endpointNode`). */
export const publishedNode = (index: WorkspaceIndex, file: FileFacts) => fileFact(index, file, 'published', () => endpointNode(lookupsOf(index), file));

/** The nodes the file sees by name: its own, then included ones. */
export const visibleNodes = (index: WorkspaceIndex, file: FileFacts) => fileFact(index, file, 'visibleNodes', () => computeVisibleNodes(lookupsOf(index), file));

/** The datasources each node's SQL reads, by alias too: the file's own nodes and the included ones. */
function tablesOf(index: WorkspaceIndex, file: FileFacts): Map<NodeFacts, TableScope> {
  return fileFact(index, file, 'tables', () => {
    const lookups = lookupsOf(index);
    const scopes = new Map<NodeFacts, TableScope>();
    for (const node of [...file.nodes, ...nodesOf(index, file).map((n) => n.node)]) if (!scopes.has(node)) scopes.set(node, computeTables(lookups, file, node));
    return scopes;
  });
}

/** The datasources a node's SQL reads, by alias too. */
export function sqlTables(index: WorkspaceIndex, file: FileFacts, node: NodeFacts): TableScope {
  return tablesOf(index, file).get(node) ?? computeTables(lookupsOf(index), file, node);
}

/** The names the file's included nodes build from INCLUDE variables. */
export const variableNames = (index: WorkspaceIndex, file: FileFacts) => fileFact(index, file, 'variableNames', () => computeVariableNames(index, file));

/** The template parameters the file declares, in its own nodes and included ones (tb's node order). */
export const pipeParameters = (index: WorkspaceIndex, file: FileFacts): TemplateParameter[] =>
  fileFact(index, file, 'parameters', () => templateParameters(nodesOf(index, file).map(({ node }) => node.node.sql?.text ?? '')));

/** The node a FROM/JOIN name of a file reads: one of its own nodes, or a pipe's published node. */
export const nodeRead = (index: WorkspaceIndex, file: FileFacts, name: string) => computeNodeRead(lookupsOf(index), file, name);

/** Per file path, each fact computed while counting. */
let counting: Map<string, string[]> | undefined;

function visited(file: FileFacts, fact: string): void {
  if (!counting) return;
  const facts = counting.get(file.path) ?? [];
  facts.push(fact);
  counting.set(file.path, facts);
}

/** Runs `run` and lists, per file path, the facts the model computed meanwhile: how tests measure repeated work. */
export function countVisits<T>(run: () => T): { result: T; visits: ReadonlyMap<string, readonly string[]> } {
  const outer = counting;
  counting = new Map();
  const visits = counting;
  try {
    return { result: run(), visits };
  } finally {
    counting = outer;
  }
}
