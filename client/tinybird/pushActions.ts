// The three push commands: the current file (optionally with the upstream it needs), every resource of a
// project, or its files changed against git HEAD (a changed `.incl` counts as a change of every resource that
// includes it). Push All and Push Changed work on one project, the active file's (or the one the user picks
// when the workspace holds several), with that project's environment: never on several projects at once.
// Each ends with the push report in the output channel and a notification with the counts and first failure.
import * as path from 'node:path';
import type { CommandContext } from './context';
import { pushOrder, topologicalOrder, upstreamClosure } from './plan';
import { changedFiles } from './project';
import { PushReport, emptyReport, missingRemotely, pushResources, reportLines, summarize } from './push';
import { chosenProject, resourceAt } from './resources';
import type { Session } from './session';
import { uriToPath } from '../../server/lsp/convert';
import type { ProjectResource } from '../../server/protocol';

export const WITH_UPSTREAM_ACTION = 'Push with its upstream';
export const ONLY_THIS_ACTION = 'Push only this file';

/** Writes the report to the output channel and notifies. */
export function announce(ctx: CommandContext, report: PushReport): void {
  for (const line of reportLines(report)) ctx.logger.line(line);
  if (report.failures.length) ctx.ui.error(summarize(report));
  else ctx.ui.info(summarize(report));
}

async function pushAndReport(ctx: CommandContext, session: Session, resources: ProjectResource[]): Promise<PushReport> {
  const report = await pushResources(ctx.server, ctx.ui, session, resources);
  announce(ctx, report);
  return report;
}

/** The file alone, or with the part of its upstream closure the environment does not have yet (when the user picks it). */
export async function pushCurrent(ctx: CommandContext, uri: string): Promise<PushReport> {
  const graph = await ctx.server.projectGraph({ uri });
  const resource = resourceAt(graph, uri);
  const session = await ctx.environments.session(await ctx.rootOf(uri));
  const upstream = pushOrder(graph, upstreamClosure(graph, resource.name)).filter((r) => r.name !== resource.name);
  if (!upstream.length) return pushAndReport(ctx, session, [resource]);
  const missing = await ctx.ui.withProgress(`Tinybird: checking the upstream of ${resource.name} on ${session.env.name}`, (p) =>
    missingRemotely(ctx.server, session.api, upstream, p.signal),
  );
  if (!missing.length) return pushAndReport(ctx, session, [resource]);
  const names = missing.map((r) => r.name);
  const choice = await ctx.ui.confirm(
    `${resource.name} needs ${missing.length} resource(s) that ${session.env.name} does not have: ${names.join(', ')}`,
    `"${WITH_UPSTREAM_ACTION}" pushes them first, in dependency order (only the missing ones). Pushing only this file will probably fail.`,
    [WITH_UPSTREAM_ACTION, ONLY_THIS_ACTION],
  );
  if (!choice) return { ...emptyReport(session.env.name), notPushed: [resource.name], cancelled: true };
  return pushAndReport(ctx, session, choice === WITH_UPSTREAM_ACTION ? [...missing, resource] : [resource]);
}

export async function pushAll(ctx: CommandContext, uri?: string): Promise<PushReport> {
  const graph = await chosenProject(ctx, uri, 'push');
  if (!graph) return { ...emptyReport(''), cancelled: true };
  const session = await ctx.environments.session(graph.root);
  return pushAndReport(ctx, session, topologicalOrder(graph));
}

/** The resource's own file or one of the `.incl` files it includes (nested ones are listed too) is in `changed`. */
function isChanged(resource: ProjectResource, changed: ReadonlySet<string>): boolean {
  return [resource.uri, ...(resource.includes ?? [])].some((uri) => changed.has(path.resolve(uriToPath(uri) ?? uri)));
}

export async function pushChanged(ctx: CommandContext, uri?: string): Promise<PushReport> {
  const graph = await chosenProject(ctx, uri, 'push the changes of');
  if (!graph) return { ...emptyReport(''), cancelled: true };
  const { root } = graph;
  const changed = new Set((await changedFiles(root)).map((f) => path.resolve(f)));
  const resources = topologicalOrder(graph).filter((r) => isChanged(r, changed));
  if (!resources.length) {
    ctx.ui.info('Tinybird: no datasource or pipe (or .incl file they include) differs from git HEAD.');
    return emptyReport((await ctx.environments.current(root)).name);
  }
  return pushAndReport(ctx, await ctx.environments.session(root), resources);
}
