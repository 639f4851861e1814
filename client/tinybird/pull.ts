// Pull: the environment's datafile, formatted like tb fmt by the server, in a diff against the local file
// (or "identical" when there is no difference to show).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uriToPath } from '../../server/lsp/convert';
import type { CommandContext } from './context';
import { resourceAt } from './resources';

export async function pull(ctx: CommandContext, uri: string): Promise<void> {
  const resource = resourceAt(await ctx.server.projectGraph({ uri }), uri);
  const { env, api } = await ctx.environments.session(await ctx.rootOf(uri));
  const text = await ctx.ui.withProgress(`Tinybird: pulling ${resource.name} from ${env.name}`, (p) => api.datafile(resource.kind, resource.name, p.signal));
  const fileName = path.basename(uriToPath(uri) ?? uri);
  const formatted = await ctx.server.formatText(text, fileName);
  const local = await fs.readFile(uriToPath(uri) ?? uri, 'utf8').catch(() => undefined);
  if (local === formatted) {
    ctx.ui.info(`${fileName} on ${env.name} is identical to the local file (after formatting).`);
    return;
  }
  await ctx.ui.showDiff(`${fileName}: ${env.name} ↔ local`, formatted, `${fileName} (${env.name})`, uri);
}
