// Run endpoint and Run SQL: parameters, the API call, and the result grid.
import type { CommandContext } from './context';
import { UserError } from './errors';
import { curlCommand } from './curl';
import { askParams } from './params';
import type { PipeInfo } from '../../server/protocol';

export async function pipeAt(ctx: CommandContext, uri: string): Promise<PipeInfo> {
  const info = await ctx.server.pipeInfo(uri);
  if (!info) throw new UserError('Open a .pipe file of the Tinybird project first.');
  return info;
}

/** The SQL with `FORMAT JSON` as its output format (replacing another FORMAT clause), without a trailing ';'. */
export function withJsonFormat(sql: string): string {
  const body = sql.trim().replace(/;+\s*$/, '').replace(/\s+FORMAT\s+\w+\s*$/i, '');
  return `${body}\nFORMAT JSON`;
}

export async function runEndpoint(ctx: CommandContext, uri: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  if (!info.endpointNode) throw new UserError(`${info.name} is not an endpoint pipe (it has a materialized, copy or sink node).`);
  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (!params) return;
  const { env, api } = await ctx.environments.session(await ctx.rootOf(uri));
  const result = await ctx.ui.withProgress(`Tinybird: ${info.name} on ${env.name}`, (p) => api.queryPipe(info.name, params, p.signal));
  ctx.ui.showResult({
    title: `${info.name}.json`,
    environment: env.name,
    result,
    pipe: info.name,
    params,
    curl: curlCommand(env.host, `/v0/pipes/${encodeURIComponent(info.name)}.json`, params),
    at: new Date().toISOString(),
  });
}

/** Runs the selection, or else the node at `line`, through `/v0/sql` (with `pipeline=<pipe>` so node names resolve). */
export async function runSql(ctx: CommandContext, uri: string, selection: string, line: number): Promise<void> {
  const info = await ctx.server.pipeInfo(uri);
  let sql = selection.trim();
  let title = 'selection';
  if (!sql) {
    const node = await ctx.server.nodeAt(uri, line);
    if (!node) throw new UserError('Select SQL or put the cursor inside a node.');
    sql = node.sql;
    title = node.node;
  }
  let params: Record<string, string> = {};
  if (sql.startsWith('%') && info?.params.length) {
    const asked = await askParams(ctx.ui, ctx.memory, info.name, info.params);
    if (!asked) return;
    params = asked;
  }
  const { env, api } = await ctx.environments.session(await ctx.rootOf(uri));
  const q = withJsonFormat(sql);
  const result = await ctx.ui.withProgress(`Tinybird: SQL on ${env.name}`, (p) => api.sql(q, { pipeline: info?.name, params, signal: p.signal }));
  ctx.ui.showResult({
    title: info ? `${info.name} · ${title}` : title,
    environment: env.name,
    result,
    pipe: info?.name,
    params,
    curl: curlCommand(env.host, '/v0/sql', { q, ...(info ? { pipeline: info.name } : {}), ...params }),
    at: new Date().toISOString(),
  });
}
