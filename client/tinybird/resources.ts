// Looking resources up in the server's project graph.
import * as path from 'node:path';
import { uriToPath } from '../../server/lsp/convert';
import type { ProjectGraph, ProjectResource } from '../../server/protocol';
import { UserError } from './errors';

export function resourceAt(graph: ProjectGraph, uri: string): ProjectResource {
  const file = path.resolve(uriToPath(uri) ?? uri);
  const found = graph.resources.find((r) => path.resolve(uriToPath(r.uri) ?? r.uri) === file);
  if (!found) throw new UserError(`${path.basename(file)} is not a datasource or pipe of the Tinybird project.`);
  return found;
}
