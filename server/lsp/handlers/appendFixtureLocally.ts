// Append Fixture Locally: a fresh engine prepared as for `tb-datafiles run` (the project's tables,
// materialized views and fixtures), then the chosen file appended to the datasource; the answer has
// the rows appended and what the materialized views wrote.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { appendFixtureFile } from '../../engine/appendFixture';
import { prepareRun, RunError } from '../../engine/run';
import { Requests, type AppendFixtureLocallyParams, type AppendFixtureLocallyResult } from '../../protocol';
import { projectIndex } from '../../workspace/projectIndex';
import { datafileProjectRoot } from '../../workspace/projectRoot';
import type { ServerContext } from '../context';
import { uriToPath } from '../convert';
import { ENGINE_MISSING, engineClientFor, readEngineSettings } from '../engineSettings';

export function registerAppendFixtureLocally(ctx: ServerContext): void {
  const { connection, session } = ctx;
  connection.onRequest(Requests.appendFixtureLocally, session.afterIndexing(async ({ datasource, file: fileUri }: AppendFixtureLocallyParams) => {
    const target = session.index.datasource(datasource);
    const file = uriToPath(fileUri);
    if (!target) return new ResponseError(LSPErrorCodes.RequestFailed, `No datasource ${datasource} in the workspace.`);
    if (!file) return new ResponseError(LSPErrorCodes.RequestFailed, `${fileUri} is not a file.`);
    const engine = engineClientFor(await readEngineSettings(ctx));
    if (!engine) return new ResponseError(LSPErrorCodes.RequestFailed, ENGINE_MISSING);
    const root = datafileProjectRoot(path.dirname(target.path), fs.existsSync);
    try {
      const run = await prepareRun(engine, projectIndex(session.index, root), root);
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
