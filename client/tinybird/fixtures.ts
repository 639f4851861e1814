// Append fixture: an NDJSON/CSV file appended to a datasource with a multipart upload (§6.6).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CommandContext } from './context';
import { UserError } from './errors';
import { fixtureFormat, listFixtures } from './project';
import { chosenProject, resourceAt } from './resources';
import type { AppendResult } from './schemas';
import type { Session } from './session';
import type { PickItem } from './ui';

export async function appendFile(session: Session, datasource: string, file: string, signal?: AbortSignal): Promise<AppendResult> {
  const content = await fs.readFile(file);
  return session.api.append(datasource, fixtureFormat(file), path.basename(file), content, signal);
}

export function describeAppend(datasource: string, file: string, env: string, res: AppendResult): string {
  const problems = [res.invalid_lines ? `${res.invalid_lines} invalid lines` : '', res.quarantine_rows ? `${res.quarantine_rows} rows in quarantine` : ''].filter(Boolean);
  return `Appended ${path.basename(file)} to ${datasource} on ${env}${problems.length ? ` (${problems.join(', ')})` : ''}.`;
}

const BROWSE = '\u0000browse';

/** Fixture files of the datasource first, then the other fixtures, then a file dialog. */
async function chooseFixture(ctx: CommandContext, root: string, datasource: string): Promise<string | undefined> {
  const files = await listFixtures(root);
  const stem = (f: string) => path.basename(f).replace(/\.(ndjson|csv)$/i, '');
  const ordered = [...files.filter((f) => stem(f) === datasource), ...files.filter((f) => stem(f) !== datasource)];
  const items: PickItem<string>[] = [
    ...ordered.map((f) => ({ label: path.basename(f), description: path.relative(root, path.dirname(f)), value: f })),
    { label: 'Browse…', description: 'another NDJSON or CSV file', value: BROWSE },
  ];
  const picked = await ctx.ui.pick(items, `File to append to ${datasource}`);
  return picked === BROWSE ? ctx.ui.chooseFile(`File to append to ${datasource}`, root) : picked;
}

export async function appendFixture(ctx: CommandContext, uri: string | undefined): Promise<void> {
  const graph = await chosenProject(ctx, uri, 'append a fixture to');
  if (!graph) return;
  let datasource: string | undefined;
  if (uri) {
    const r = resourceAt(graph, uri);
    if (r.kind !== 'datasource') throw new UserError(`${r.name} is a pipe; choose a datasource to append to.`);
    datasource = r.name;
  } else {
    const items = graph.resources.filter((r) => r.kind === 'datasource').map((r) => ({ label: r.name, value: r.name }));
    datasource = await ctx.ui.pick(items, 'Datasource to append to');
  }
  if (!datasource) return;
  const { root } = graph;
  const file = await chooseFixture(ctx, root, datasource);
  if (!file) return;
  const session = await ctx.environments.session(root);
  if (session.env.production) {
    const action = `Append to ${session.env.name}`;
    const ok = await ctx.ui.confirm(`Append ${path.basename(file)} to ${datasource} on the production environment ${session.env.name}?`, `Datasource: ${datasource}`, [action], true);
    if (ok !== action) return;
  }
  const res = await ctx.ui.withProgress(`Tinybird: appending to ${datasource} on ${session.env.name}`, (p) => appendFile(session, datasource, file, p.signal));
  ctx.ui.info(describeAppend(datasource, file, session.env.name, res));
}
