// Append Fixture Locally: a fresh engine prepared as for `tb-datafiles run` (the project's tables,
// materialized views and fixtures), then the chosen file appended to the datasource; the answer has
// the rows appended and what the materialized views wrote.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { appendFixtureFile } from '../../engine/appendFixture';
import { prepareRun, RunError } from '../../engine/run';
import { Requests, type AppendFixtureLocallyParams, type AppendFixtureLocallyResult } from '../../protocol';
import { projectIndex } from '../../workspace/projectIndex';
import { isInside } from '../../workspace/projectRoot';
import type { ServerContext } from '../context';
import { uriToPath } from '../convert';
import { ENGINE_MISSING, engineClientFor, readEngineSettings } from '../engineSettings';
import { crossFileRequest } from '../crossFileRequest';

export function registerAppendFixtureLocally(ctx: ServerContext): void {
  const { connection, session } = ctx;
  connection.onRequest(Requests.appendFixtureLocally, crossFileRequest(session, async ({ datasource, file: fileUri }: AppendFixtureLocallyParams) => {
    const file = uriToPath(fileUri);
    if (!file) return new ResponseError(LSPErrorCodes.RequestFailed, `${fileUri} is not a file.`);
    // The project defining the datasource; the fixture's own project when several do.
    const defining = session.allProjects().filter((p) => p.index.datasource(datasource));
    const project = defining.find((p) => isInside(file, p.root)) ?? (defining.length === 1 ? defining[0] : undefined);
    if (!project) return new ResponseError(LSPErrorCodes.RequestFailed, defining.length ? `Several projects define ${datasource}; open a fixture inside the project to append to.` : `No datasource ${datasource} in the workspace.`);
    const engine = engineClientFor(await readEngineSettings(ctx));
    if (!engine) return new ResponseError(LSPErrorCodes.RequestFailed, ENGINE_MISSING);
    const { root } = project;
    try {
      const run = await prepareRun(engine, projectIndex(project.index, root), root);
      const outcome = await appendFixtureFile(run, datasource, file);
      const fixtureRows = run.fixtures.reduce((sum, f) => sum + f.rows, 0);
      return { ...outcome, fixtureRows } satisfies AppendFixtureLocallyResult;
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, e instanceof RunError ? e.message : `The embedded ClickHouse failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await engine.close();
    }
  }));
}
