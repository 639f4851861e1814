// Run Endpoint / Node / Copy Locally: the pipe run by the language server on a fresh embedded
// ClickHouse with the project's fixtures; the rows go to the same grid as remote runs.
import type { CommandContext } from './context';
import { UserError } from './errors';
import { askParams } from './params';
import { pipeAt } from './queryActions';

export const LOCAL_ENVIRONMENT = 'embedded ClickHouse';

async function runAndShow(ctx: CommandContext, uri: string, title: string, node: string | undefined, params: Record<string, string>): Promise<void> {
  const result = await ctx.ui.withProgress(`Tinybird: ${title} on the ${LOCAL_ENVIRONMENT}`, () => ctx.server.runLocally({ uri, node, params }));
  ctx.ui.showResult({ title, environment: LOCAL_ENVIRONMENT, result });
}

export async function runEndpointLocally(ctx: CommandContext, uri: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  if (!info.endpointNode) throw new UserError(`${info.name} is not an endpoint pipe (it has a materialized, copy or sink node).`);
  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (params) await runAndShow(ctx, uri, `${info.name}.json`, undefined, params);
}

/** The node named `node` (a code lens), else the node at `line` (the cursor). */
export async function runNodeLocally(ctx: CommandContext, uri: string, line: number, node?: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  const name = node ?? (await ctx.server.nodeAt(uri, line))?.node;
  if (!name) throw new UserError('Put the cursor inside a node.');
  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (params) await runAndShow(ctx, uri, `${info.name} · ${name}`, name, params);
}

export async function runCopyLocally(ctx: CommandContext, uri: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  const copy = info.nodes.find((n) => n.type === 'copy');
  if (!copy) throw new UserError(`${info.name} is not a copy pipe.`);
  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (params) await runAndShow(ctx, uri, `${info.name} → ${copy.target ?? 'target'} (${copy.copyMode ?? 'append'})`, undefined, params);
}
