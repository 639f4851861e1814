// Run Endpoint / Node / Copy Locally: the pipe run on a fresh embedded engine holding the project's
// tables, materialized views and fixtures, as `tb-datafiles run` does (prepareRun, runPipe).
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { prepareRun, runPipe, RunError } from '../../engine/run';
import { Requests, type RunLocallyParams } from '../../protocol';
import type { ServerContext } from '../context';
import { ENGINE_MISSING, engineClientFor, readEngineSettings } from '../engineSettings';

export function registerRunLocally(ctx: ServerContext): void {
  ctx.connection.onRequest(Requests.runLocally, async ({ uri, node, params }: RunLocallyParams) => {
    const file = ctx.session.facts(uri);
    if (file?.role !== 'pipe') return new ResponseError(LSPErrorCodes.RequestFailed, 'Open a .pipe file of the workspace first.');
    const engine = engineClientFor(await readEngineSettings(ctx));
    if (!engine) return new ResponseError(LSPErrorCodes.RequestFailed, ENGINE_MISSING);
    // The file's project: its tables, and its fixtures in its folder.
    const { root, index } = ctx.session.projectOf(file.path);
    try {
      const session = await prepareRun(engine, index, root);
      return await runPipe(session, file, { node, variables: params ?? {} });
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, e instanceof RunError ? e.message : `The embedded ClickHouse failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await engine.close();
    }
  });
}
