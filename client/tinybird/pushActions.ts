// The three push commands: the current file, every resource, or the files changed against git HEAD (a changed
// `.incl` counts as a change of every resource that includes it).
import * as path from 'node:path';
import type { CommandContext } from './context';
import { topologicalOrder } from './plan';
import { changedFiles } from './project';
import { PushReport, pushResources, summarize } from './push';
import { resourceAt } from './resources';
import { uriToPath } from '../../server/lsp/convert';
import type { ProjectResource } from '../../server/protocol';

async function pushAndReport(ctx: CommandContext, root: string, resources: ProjectResource[]): Promise<PushReport> {
  const session = await ctx.environments.session(root);
  const report = await pushResources(ctx.server, ctx.ui, session, resources);
  if (report.failed) ctx.ui.error(summarize(report));
  else ctx.ui.info(summarize(report));
  return report;
}

export async function pushCurrent(ctx: CommandContext, uri: string): Promise<PushReport> {
  const resource = resourceAt(await ctx.server.projectGraph(), uri);
  return pushAndReport(ctx, await ctx.rootOf(uri), [resource]);
}

export async function pushAll(ctx: CommandContext): Promise<PushReport> {
  const graph = await ctx.server.projectGraph();
  return pushAndReport(ctx, await ctx.rootOf(graph.resources[0]?.uri), topologicalOrder(graph));
}

/** The resource's own file or one of the `.incl` files it includes (nested ones are listed too) is in `changed`. */
function isChanged(resource: ProjectResource, changed: ReadonlySet<string>): boolean {
  return [resource.uri, ...(resource.includes ?? [])].some((uri) => changed.has(path.resolve(uriToPath(uri) ?? uri)));
}

export async function pushChanged(ctx: CommandContext): Promise<PushReport> {
  const graph = await ctx.server.projectGraph();
  const root = await ctx.rootOf(graph.resources[0]?.uri);
  const changed = new Set((await changedFiles(root)).map((f) => path.resolve(f)));
  const resources = topologicalOrder(graph).filter((r) => isChanged(r, changed));
  if (!resources.length) {
    ctx.ui.info('Tinybird: no datasource or pipe (or .incl file they include) differs from git HEAD.');
    return { environment: (await ctx.environments.current(root)).name, done: [], notPushed: [], cancelled: false };
  }
  return pushAndReport(ctx, root, resources);
}
