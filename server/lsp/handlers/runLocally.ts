// Run Endpoint / Node / Copy Locally: the pipe run in its project's embedded engine (the one the
// analysis uses, see ProjectEngines), in a database of its own holding the project's tables,
// materialized views and fixtures, as `tb-datafiles run` does (prepareRun, runPipe); the database
// is dropped afterwards, so every run starts from the fixtures and the analysis tables stay empty.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { inDatabase } from '../../engine/client';
import { prepareRun, runPipe, RunError } from '../../engine/run';
import { quoteIdentifier } from '../../engine/tables';
import { Requests, type QueryResult, type RunLocallyParams } from '../../protocol';
import type { ServerContext } from '../context';
import { ENGINE_MISSING, readEngineSettings } from '../engineSettings';
import type { ProjectEngines } from '../projectEngines';

export function registerRunLocally(ctx: ServerContext, engines: ProjectEngines): void {
  ctx.connection.onRequest(Requests.runLocally, async ({ uri, node, params }: RunLocallyParams): Promise<QueryResult | ResponseError> => {
    const file = ctx.session.facts(uri);
    if (file?.role !== 'pipe') return new ResponseError(LSPErrorCodes.RequestFailed, 'Open a .pipe file of the workspace first.');
    // Fixtures live in the project's folder: the nearest one with tinybird-lint.json or .tinyb.
    const root = engines.rootOf(file.path);
    const engine = engines.open(root, await readEngineSettings(ctx));
    if (!engine) return new ResponseError(LSPErrorCodes.RequestFailed, ENGINE_MISSING);
    const database = engines.runDatabase();
    let created = false;
    try {
      const { error } = await engine.client.request({ op: 'run', sql: `CREATE DATABASE ${quoteIdentifier(database)}` });
      if (error) throw new RunError(`${error.name}: ${error.message}`);
      created = true;
      const session = await prepareRun(inDatabase(engine.client, database), engines.indexOf(root), root);
      return await runPipe(session, file, { node, variables: params ?? {} });
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, e instanceof RunError ? e.message : `The embedded ClickHouse failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (created) await engine.client.request({ op: 'run', sql: `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} SYNC` }).catch(() => undefined);
    }
  });
}
