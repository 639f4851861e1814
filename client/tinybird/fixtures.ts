// Append fixture: an NDJSON/CSV file appended to a datasource with a multipart upload (§6.6), or on the
// embedded ClickHouse by the language server (Append Fixture Locally).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { uriToPath } from '../../server/lsp/convert';
import type { ProjectGraph } from '../../server/protocol';
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

/** The datasource of `uri` (a .datasource file), else one picked from the project's. */
async function chooseDatasource(ctx: CommandContext, graph: ProjectGraph, uri: string | undefined): Promise<string | undefined> {
  if (uri) {
    const r = resourceAt(graph, uri);
    if (r.kind !== 'datasource') throw new UserError(`${r.name} is a pipe; choose a datasource to append to.`);
    return r.name;
  }
  const items = graph.resources.filter((r) => r.kind === 'datasource').map((r) => ({ label: r.name, value: r.name }));
  return ctx.ui.pick(items, 'Datasource to append to');
}

export async function appendFixture(ctx: CommandContext, uri: string | undefined): Promise<void> {
  const graph = await chosenProject(ctx, uri, 'append a fixture to');
  if (!graph) return;
  const datasource = await chooseDatasource(ctx, graph, uri);
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

/**
 * Append Fixture Locally. `uri` is a .datasource (its fixtures are offered), a fixture file named after its
 * datasource (`fixtures/orders.ndjson` appends to orders), or any other file (a datasource is asked).
 */
export async function appendFixtureLocally(ctx: CommandContext, uri: string | undefined): Promise<void> {
  const graph = await chosenProject(ctx, uri, 'append a fixture to');
  if (!graph) return;
  const given = uri ? uriToPath(uri) : undefined;
  const fixture = given && /\.(ndjson|csv)$/i.test(given) ? given : undefined;
  const named = fixture && graph.resources.find((r) => r.kind === 'datasource' && r.name === path.basename(fixture).replace(/\.(ndjson|csv)$/i, ''));
  const datasource = named ? named.name : await chooseDatasource(ctx, graph, given?.endsWith('.datasource') ? uri : undefined);
  if (!datasource) return;
  const dsUri = graph.resources.find((r) => r.kind === 'datasource' && r.name === datasource)?.uri;
  const file = fixture ?? (await chooseFixture(ctx, await ctx.rootOf(dsUri), datasource));
  if (!file) return;
  const res = await ctx.ui.withProgress(`Tinybird: appending ${path.basename(file)} to ${datasource} on the embedded ClickHouse`, () =>
    ctx.server.appendFixtureLocally({ datasource, file: pathToFileURL(file).href }),
  );
  const written = res.written.map((w) => `${w.rows} to ${w.table}`).join(', ');
  ctx.ui.info(
    `Appended ${res.rows} rows of ${path.basename(file)} to ${datasource} on the embedded ClickHouse, after the project's fixtures (${res.fixtureRows} rows)` +
      `${written ? `; the materialized views wrote ${written}` : '; no materialized view fired'}. Nothing is kept: each local run starts from the fixtures.`,
  );
}
