// The semantic model of a file: its nodes in tb's order and the one it publishes, the nodes it sees by name, the tables each node's SQL reads, the names its
// INCLUDE variables build and (symbols.ts) every resolved name, computed once per version of the
// file's facts. A model records the datasource and pipe lookups it made and is rebuilt when one of
// them finds another file (a file's facts are replaced when it, or a file it includes, changes).
import { endpointNode, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { templateParameters } from '../parser/templateParams';
import type { TemplateParameter } from '../protocol';
import { computeVariableNames, type VariableName } from './includes';
import { computeNodeRead, computeTables, computeVisibleNodes, type SemanticLookups, type TableScope, type VisibleNode } from './scopes';

export class FileSemantics {
  /** `d:name` datasource, `p:name` pipe → the file found. */
  private readonly found = new Map<string, FileFacts | undefined>();
  /** The index version at which `found` was last checked. */
  private checkedAt: number;
  private ordered?: { node: NodeFacts; via?: FileFacts }[];
  private endpoint?: { node: NodeFacts | undefined };
  private named?: Map<string, VisibleNode>;
  private readonly scopes = new Map<NodeFacts, TableScope>();
  private variables?: VariableName[];
  private params?: TemplateParameter[];
  private readonly memos = new Map<symbol, unknown>();
  /** Index lookups that record what they found. */
  readonly lookups: SemanticLookups;

  constructor(
    readonly index: WorkspaceIndex,
    readonly file: FileFacts,
  ) {
    this.checkedAt = index.version;
    visited(file, 'model');
    this.lookups = {
      datasource: (name) => this.record(`d:${name}`, index.datasource(name)),
      pipe: (name) => this.record(`p:${name}`, index.pipe(name)),
      nodesOf: (f) => (f === file ? this.nodes() : semantics(index, f).nodes()),
      includedParts: (f) => index.includedParts(f),
      visibleNodes: (f) => (f === file ? this.visibleNodes() : semantics(index, f).visibleNodes()),
    };
  }

  /** Whether every recorded lookup still finds the same file in `index`. */
  isCurrent(index: WorkspaceIndex): boolean {
    if (index !== this.index) return false;
    if (index.version === this.checkedAt) return true;
    for (const [key, file] of this.found) {
      const name = key.slice(2);
      if ((key[0] === 'd' ? index.datasource(name) : index.pipe(name)) !== file) return false;
    }
    this.checkedAt = index.version;
    return true;
  }

  /** The file's nodes in tb's order, included ones where their INCLUDE stands (`WorkspaceIndex.nodesOf`). */
  nodes(): { node: NodeFacts; via?: FileFacts }[] {
    return (this.ordered ??= (visited(this.file, 'nodes'), this.index.nodesOf(this.file)));
  }

  /** The node the file publishes as an endpoint, if any (`endpointNode`). */
  published(): NodeFacts | undefined {
    return (this.endpoint ??= { node: endpointNode(this.lookups, this.file) }).node;
  }

  /** The nodes the file sees by name: its own, then included ones. */
  visibleNodes(): Map<string, VisibleNode> {
    return (this.named ??= (visited(this.file, 'visibleNodes'), computeVisibleNodes(this.lookups, this.file)));
  }

  /** The datasources a node's SQL reads, by alias too. */
  tables(node: NodeFacts): TableScope {
    let scope = this.scopes.get(node);
    if (!scope) {
      visited(this.file, `tables ${node.name}`);
      this.scopes.set(node, (scope = computeTables(this.lookups, this.file, node)));
    }
    return scope;
  }

  /** The names the file's included nodes build from INCLUDE variables. */
  variableNames(): VariableName[] {
    return (this.variables ??= (visited(this.file, 'variableNames'), computeVariableNames(this.index, this.file)));
  }

  /** The template parameters the file declares, in its own nodes and included ones (tb's node order). */
  parameters(): TemplateParameter[] {
    return (this.params ??= (visited(this.file, 'parameters'), templateParameters(this.nodes().map(({ node }) => node.node.sql?.text ?? ''))));
  }

  /** A fact computed once per model (`key` names it). */
  memo<T>(key: symbol, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    visited(this.file, key.description ?? 'memo');
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  private record(key: string, found: FileFacts | undefined): FileFacts | undefined {
    this.found.set(key, found);
    return found;
  }
}

const models = new WeakMap<FileFacts, FileSemantics>();

/** The semantic model of a file in an index, reused while it is current. */
export function semantics(index: WorkspaceIndex, file: FileFacts): FileSemantics {
  const known = models.get(file);
  if (known?.isCurrent(index)) return known;
  const model = new FileSemantics(index, file);
  models.set(file, model);
  return model;
}

export const nodesOf = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).nodes();
export const publishedNode = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).published();
export const visibleNodes = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).visibleNodes();
export const sqlTables = (index: WorkspaceIndex, file: FileFacts, node: NodeFacts) => semantics(index, file).tables(node);
export const pipeParameters = (index: WorkspaceIndex, file: FileFacts) => semantics(index, file).parameters();
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
