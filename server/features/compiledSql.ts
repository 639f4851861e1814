// Compiled SQL: a node's SQL as Tinybird runs it (test mode unless request parameters are given),
// or the whole resolved query, or the template's error.
import type { CompiledSql, CompiledSqlParams } from '../protocol';
import { positionAt } from '../parser/lines';
import { resolveNodeQuery } from '../template/resolve';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export function compiledSql(index: WorkspaceIndex, pipe: FileFacts, request: Omit<CompiledSqlParams, 'uri'>): CompiledSql {
  const variables = request.params ? new Map(Object.entries(request.params)) : null;
  const r = resolveNodeQuery(index, pipe, request.node, { variables, testMode: variables === null });
  if (r.ok) return { ok: true, sql: request.resolved ? r.resolved : r.sql };
  const line = r.span && r.file === pipe.path ? positionAt(pipe.parsed.lineStarts, r.span.start).line : undefined;
  return { ok: false, kind: r.kind, message: r.message, node: r.node, ...(line === undefined ? {} : { line }) };
}
