// The extension's own requests (protocol.ts): project graph, pipe info, push definitions and diagnostics.
import { DiagnosticSeverity, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { diagnoseFiles } from '../../diagnostics/index';
import { nodeAt, pipeInfo } from '../../features/projectInfo';
import { pushDefinition, UnpushableFile } from '../../features/pushDefinition';
import { type PushDiagnostic, type PushDiagnosticsParams, Requests } from '../../protocol';
import { projectGraph } from '../../workspace/lineage';
import type { ServerContext } from '../context';

/** Every answer here depends on other files: each waits for the scan (`Session.afterIndexing`). */
export function registerCustomRequests(ctx: ServerContext): void {
  const { connection, session } = ctx;

  connection.onRequest(Requests.projectGraph, session.afterIndexing(() => {
    return projectGraph(session.index, (p) => session.uriOf(p));
  }));

  connection.onRequest(Requests.pipeInfo, session.afterIndexing(({ uri }: { uri: string }) => {
    const file = session.facts(uri);
    return file ? pipeInfo(session.index, file, uri) : null;
  }));

  connection.onRequest(Requests.pushDefinition, session.afterIndexing(({ uri }: { uri: string }) => {
    const file = session.facts(uri);
    if (!file) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a datafile of this workspace`);
    try {
      return pushDefinition(session.index, file);
    } catch (e) {
      if (e instanceof UnpushableFile) return new ResponseError(ErrorCodes.InvalidParams, e.message);
      throw e;
    }
  }));

  connection.onRequest(Requests.pushDiagnostics, session.afterIndexing(({ uris }: PushDiagnosticsParams): PushDiagnostic[] => {
    const found = uris.flatMap((uri) => {
      const file = session.facts(uri);
      return file ? [{ uri, file }] : [];
    });
    const diagnostics = diagnoseFiles(session.index, found.map((f) => f.file), (file) => ctx.config.forFile(file.path));
    return found.flatMap(({ uri }, i) => {
      return diagnostics[i]
        .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
        .map((d) => ({ uri, line: d.range.start.line, severity: d.severity === DiagnosticSeverity.Error ? 'error' : 'warning', code: d.code === undefined ? '' : String(d.code), message: d.message }));
    });
  }));

  connection.onRequest(Requests.nodeAt, session.afterIndexing(({ uri, line }: { uri: string; line: number }) => {
    const file = session.facts(uri);
    return file ? nodeAt(file, line) : null;
  }));
}
