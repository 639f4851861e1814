// Looking projects and resources up in the server's project graphs.
import * as path from 'node:path';
import { uriToPath } from '../../server/lsp/convert';
import type { ProjectGraph, ProjectResource } from '../../server/protocol';
import type { CommandContext } from './context';
import { UserError } from './errors';

export function resourceAt(graph: ProjectGraph, uri: string): ProjectResource {
  const file = path.resolve(uriToPath(uri) ?? uri);
  const found = graph.resources.find((r) => path.resolve(uriToPath(r.uri) ?? r.uri) === file);
  if (!found) throw new UserError(`${path.basename(file)} is not a datasource or pipe of the Tinybird project.`);
  return found;
}

/** The project of `uri` (the active datafile), else the only project, else the one the user picks (undefined: cancelled). */
export async function chosenProject(ctx: CommandContext, uri: string | undefined, purpose: string): Promise<ProjectGraph | undefined> {
  if (uri) return ctx.server.projectGraph({ uri });
  const projects = await ctx.server.projects();
  if (projects.length <= 1) return ctx.server.projectGraph(projects.length ? { root: projects[0].root } : {});
  const items = projects.map((p) => ({ label: path.basename(p.root), description: p.root, detail: `${p.resources} datasource(s) and pipe(s)`, value: p.root }));
  const root = await ctx.ui.pick(items, `Tinybird project to ${purpose}`);
  return root === undefined ? undefined : ctx.server.projectGraph({ root });
}
