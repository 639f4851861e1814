// The one place the engine gets a node's SQL as ClickHouse must see it: rendered by the template
// engine (test mode unless variables are given) and resolved into one query (resolveNodeQuery). A
// node whose template fails, or whose query reads a table the engine does not have, has no query:
// the template and lineage rules already report those.
import { analyzeSql } from '../parser/sqlRefs';
import { resolveNodeQuery } from '../template/resolve';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { SERVICE_DATABASE } from './tables';

/** Request parameters (`--param k=v`); undefined renders in test mode. */
export type Variables = Record<string, string>;

export interface NodeQuery {
  sql: string;
  /** A document offset of the node's file for an offset of `sql`, when that text comes from the node itself. */
  toDocument(offset: number): number | undefined;
}

/** Whether every table the query reads is one of `tables` (or a Tinybird service table). */
function readsKnownTables(sql: string, tables: ReadonlySet<string>): boolean {
  const analysis = analyzeSql(sql);
  return analysis.refs.every((ref) => {
    if (ref.qualifier !== undefined) return ref.qualifier === SERVICE_DATABASE && tables.has(`${SERVICE_DATABASE}.${ref.name}`);
    return analysis.ctes.has(ref.name) || tables.has(ref.name);
  });
}

/** Maps a query offset into the node's source by finding the text around it there, once. */
function locator(sql: string, file: FileFacts, nodeName: string): (offset: number) => number | undefined {
  const block = file.nodes.find((n) => n.name === nodeName)?.node.sql;
  return (offset) => {
    if (!block) return undefined;
    const source = block.text;
    for (const width of [24, 12]) {
      const after = sql.slice(offset, offset + width);
      if (after.trim().length >= 8) {
        const at = source.indexOf(after);
        if (at >= 0 && source.indexOf(after, at + 1) < 0) return block.toDocument(at);
      }
      const before = sql.slice(Math.max(0, offset - width), offset);
      if (before.trim().length >= 8) {
        const at = source.indexOf(before);
        if (at >= 0 && source.indexOf(before, at + 1) < 0) return block.toDocument(at + before.length - 1) + 1;
      }
    }
    return undefined;
  };
}

export interface NodeQueryOptions {
  /** Tables the engine has: datasources, inline targets, `tinybird.*` service tables. */
  tables: ReadonlySet<string>;
  variables?: Variables;
}

/** The node's resolved query, or undefined when it cannot be rendered or reads an unknown table. */
export function nodeQuery(index: WorkspaceIndex, file: FileFacts, nodeName: string, options: NodeQueryOptions): NodeQuery | undefined {
  const variables = options.variables ? new Map(Object.entries(options.variables)) : null;
  const result = resolveNodeQuery(index, file, nodeName, { variables, testMode: variables === null });
  if (!result.ok || !result.resolved.trim() || !readsKnownTables(result.resolved, options.tables)) return undefined;
  return { sql: result.resolved, toDocument: locator(result.resolved, file, nodeName) };
}
