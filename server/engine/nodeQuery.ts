// The one place the engine gets a node's SQL as ClickHouse must see it: the node with every other
// node and pipe it reads replaced by its subquery (resolution-and-tables.md §1). Until the template
// engine lands, templated nodes, and nodes reading them, are not resolved (undefined: not analysed).
import type { FileFacts, NodeFacts } from '../workspace/facts';
import { endpointNode } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { SERVICE_DATABASE } from './tables';

/** A piece of the resolved query; pieces copied from the node's own SQL keep their source offset. */
interface Piece {
  text: string;
  /** Offset in the analysed node's SQL text, for pieces copied from it. */
  sourceOffset?: number;
}

export interface NodeQuery {
  sql: string;
  /** A document offset of the node's file for an offset of `sql` inside the node's own text. */
  toDocument(offset: number): number | undefined;
}

/** Request parameters for templated nodes (`--param k=v`); test mode when empty. */
export type Variables = Record<string, string>;

class Unresolvable extends Error {}

function nodeOf(index: WorkspaceIndex, file: FileFacts, name: string): NodeFacts | undefined {
  return index.nodesOf(file).find((n) => n.node.name === name)?.node;
}

/** The node's SQL with the references it makes replaced, as pieces. */
function resolvePieces(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, stack: string[], own: boolean): Piece[] {
  const sql = node.node.sql;
  if (!sql || sql.templated || !node.analysis) throw new Unresolvable();
  const key = `${file.name}.${node.name}`;
  if (stack.includes(key)) throw new Unresolvable();
  const inner = [...stack, key];
  const nodeNames = new Set(index.nodesOf(file).map((n) => n.node.name));
  const pieces: Piece[] = [];
  let at = 0;
  const copy = (end: number) => {
    if (end > at) pieces.push(own ? { text: sql.text.slice(at, end), sourceOffset: at } : { text: sql.text.slice(at, end) });
    at = end;
  };
  const refs = [...node.analysis.refs].sort((a, b) => a.fullSpan.start - b.fullSpan.start);
  for (const ref of refs) {
    if (ref.qualifier !== undefined) {
      if (ref.qualifier === SERVICE_DATABASE) continue;
      throw new Unresolvable();
    }
    if (node.analysis.ctes.has(ref.name)) continue;
    const replacement = replacementFor(index, file, node, ref.name, nodeNames, inner);
    if (replacement === undefined) continue;
    copy(ref.fullSpan.start);
    const alias = ref.alias ? '' : ` AS \`${ref.name}\``;
    pieces.push({ text: replacement.startsWith('(') ? `${replacement}${alias}` : replacement });
    at = ref.fullSpan.end;
  }
  copy(sql.text.length);
  return pieces;
}

/** What a name read by `node` becomes: a subquery, another table, or undefined when it stays as is. */
function replacementFor(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, name: string, nodeNames: Set<string>, stack: string[]): string | undefined {
  if (name !== node.name && nodeNames.has(name)) {
    const other = nodeOf(index, file, name)!;
    if (other.type === 'materialized' && other.target) return other.target.name;
    return subquery(resolvePieces(index, file, other, stack, false));
  }
  if (index.datasource(name)) return undefined;
  const pipe = index.pipe(name);
  if (!pipe) throw new Unresolvable();
  const endpoint = endpointNode(index, pipe);
  if (endpoint) return subquery(resolvePieces(index, pipe, endpoint, stack, false));
  const materialized = index.nodesOf(pipe).find((n) => n.node.type === 'materialized' && n.node.target);
  if (materialized) return materialized.node.target!.name;
  throw new Unresolvable();
}

function subquery(pieces: Piece[]): string {
  return `(\n${pieces.map((p) => p.text).join('')}\n)`;
}

/** The node's resolved query, or undefined when it (or a node it reads) cannot be resolved yet. */
// `_variables` are for templated nodes, rendered once the template engine (#12) is wired here.
export function nodeQuery(index: WorkspaceIndex, file: FileFacts, nodeName: string, _variables: Variables = {}): NodeQuery | undefined {
  const node = nodeOf(index, file, nodeName);
  if (!node?.node.sql) return undefined;
  let pieces: Piece[];
  try {
    pieces = resolvePieces(index, file, node, [], true);
  } catch (e) {
    if (e instanceof Unresolvable) return undefined;
    throw e;
  }
  const sqlBlock = node.node.sql;
  const starts: { start: number; piece: Piece }[] = [];
  let length = 0;
  for (const piece of pieces) {
    starts.push({ start: length, piece });
    length += piece.text.length;
  }
  return {
    sql: pieces.map((p) => p.text).join(''),
    toDocument(offset) {
      const hit = starts.find(({ start, piece }) => offset >= start && offset <= start + piece.text.length && piece.sourceOffset !== undefined);
      if (!hit) return undefined;
      return sqlBlock.toDocument(hit.piece.sourceOffset! + offset - hit.start);
    },
  };
}
