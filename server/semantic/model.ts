// The semantic model of a file: the nodes it sees, the tables each node's SQL reads, the names its
// INCLUDE variables build and (symbols.ts) every resolved name. Each fact is a query of the index's
// dependency model (workspace/queries.ts): computed once per version of the file's facts, and again
// only when something it read of the index (a datasource, a pipe, an included file…) changed.
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { computeVariableNames, type VariableName } from './includes';
import { computeNodeRead, computeTables, computeVisibleNodes, type SemanticLookups, type TableScope, type VisibleNode } from './scopes';

export class FileSemantics {
  /** The index lookups of the model's facts (each recorded by the query computing). */
  readonly lookups: SemanticLookups;

  constructor(
    readonly index: WorkspaceIndex,
    readonly file: FileFacts,
  ) {
    visited(file, 'model');
    this.lookups = {
      datasource: (name) => index.datasource(name),
      pipe: (name) => index.pipe(name),
      nodesOf: (f) => index.nodesOf(f),
      includedParts: (f) => index.includedParts(f),
      visibleNodes: (f) => (f === file ? this.visibleNodes() : semantics(index, f).visibleNodes()),
    };
  }

  /** The nodes the file sees by name: its own, then included ones. */
  visibleNodes(): Map<string, VisibleNode> {
    return this.index.fileQuery('visibleNodes', this.file, () => (visited(this.file, 'visibleNodes'), computeVisibleNodes(this.index, this.file)));
  }

  /** The datasources a node's SQL reads, by alias too. */
  tables(node: NodeFacts): TableScope {
    const key = `${this.file.path}#${node.node.span.start}`;
    return this.index.queries.memo('tables', key, node, () => {
      this.index.get(this.file.path);
      visited(this.file, `tables ${node.name}`);
      return computeTables(this.lookups, this.file, node);
    });
  }

  /** The names the file's included nodes build from INCLUDE variables. */
  variableNames(): VariableName[] {
    return this.index.fileQuery('variableNames', this.file, () => (visited(this.file, 'variableNames'), computeVariableNames(this.index, this.file)));
  }

  /** A fact of the file (`key` names it), computed as a query. */
  memo<T>(key: symbol, compute: () => T): T {
    return this.index.fileQuery(key, this.file, () => (visited(this.file, key.description ?? 'memo'), compute()));
  }
}

const models = new WeakMap<FileFacts, FileSemantics>();

/** The semantic model of a file in an index (one object per version of the file's facts and index). */
export function semantics(index: WorkspaceIndex, file: FileFacts): FileSemantics {
  const known = models.get(file);
  if (known?.index === index) return known;
  const model = new FileSemantics(index, file);
  models.set(file, model);
  return model;
}

export const visibleNodes = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).visibleNodes();
export const sqlTables = (index: WorkspaceIndex, file: FileFacts, node: NodeFacts) => semantics(index, file).tables(node);
export const variableNames = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).variableNames();
/** The node a FROM/JOIN name of a file reads: one of its own nodes, or a pipe's published node. */
export const nodeRead = (index: WorkspaceIndex, file: FileFacts, name: string) => computeNodeRead(semantics(index, file).lookups, file, name);

/** Per file path, each fact computed while counting (`model` for a model built). */
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
