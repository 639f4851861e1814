// The extension's own requests (protocol.ts): projects and their graphs, pipe info, push definitions,
// lineage. Each answers within the project of the file it is asked about.
import { DiagnosticSeverity, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { nodeAt, pipeInfo } from '../../features/projectInfo';
import { pushDefinition, UnpushableFile } from '../../features/pushDefinition';
import { type ProjectGraphParams, type ProjectSummary, type PushDiagnostic, type PushDiagnosticsParams, Requests } from '../../protocol';
import type { Project } from '../../session';
import { WorkspaceIndex } from '../../workspace/index';
import { projectGraph } from '../../workspace/lineage';
import type { ServerContext } from '../context';
import { crossFileRequest } from '../crossFileRequest';

/** Every answer here depends on other files: each waits for the scan (`crossFileRequest`). */
export function registerCustomRequests(ctx: ServerContext): void {
  const { connection, session } = ctx;

  connection.onRequest(Requests.projectGraph, crossFileRequest(session, ({ uri, root }: ProjectGraphParams = {}) => {
    const project = chosenProject(uri, root);
    return project instanceof ResponseError ? project : projectGraph(project.root, project.index, (p) => session.uriOf(p));
  }));

  connection.onRequest(Requests.projects, crossFileRequest(session, (): ProjectSummary[] => {
    return session.allProjects().map(({ root, index }) => ({ root, resources: [...index.all()].filter((f) => f.role !== 'include').length })).sort((a, b) => a.root.localeCompare(b.root));
  }));

  /** The project of `uri`, else the one at `root`, else the only one. */
  function chosenProject(uri: string | undefined, root: string | undefined): Project | ResponseError {
    const file = uri === undefined ? undefined : session.pathOf(uri);
    if (file) return session.projectOf(file);
    const projects = session.allProjects();
    const found = root === undefined ? (projects.length <= 1 ? (projects[0] ?? { root: '', index: new WorkspaceIndex() }) : undefined) : projects.find((p) => p.root === root);
    if (found) return found;
    const roots = projects.map((p) => p.root).join(', ');
    return new ResponseError(ErrorCodes.InvalidParams, root === undefined ? `The workspace holds several Tinybird projects (${roots}): name one by uri or root.` : `${root} is not a project of this workspace (${roots}).`);
  }

  connection.onRequest(Requests.pipeInfo, crossFileRequest(session, ({ uri }: { uri: string }) => {
    const file = session.facts(uri);
    return file ? pipeInfo(ctx.featureContext(file).index, file, uri) : null;
  }));

  connection.onRequest(Requests.pushDefinition, crossFileRequest(session, ({ uri }: { uri: string }) => {
    const file = session.facts(uri);
    if (!file) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a datafile of this workspace`);
    try {
      return pushDefinition(ctx.featureContext(file).index, file);
    } catch (e) {
      if (e instanceof UnpushableFile) return new ResponseError(ErrorCodes.InvalidParams, e.message);
      throw e;
    }
  }));

  connection.onRequest(Requests.pushDiagnostics, crossFileRequest(session, ({ uris }: PushDiagnosticsParams): PushDiagnostic[] => {
    const found = uris.flatMap((uri) => {
      const file = session.facts(uri);
      return file ? [{ uri, file }] : [];
    });
    const diagnostics = ctx.diagnose(found.map((f) => f.file));
    return found.flatMap(({ uri }, i) => {
      return diagnostics[i]
        .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
        .map((d) => ({ uri, line: d.range.start.line, severity: d.severity === DiagnosticSeverity.Error ? 'error' : 'warning', code: d.code === undefined ? '' : String(d.code), message: d.message }));
    });
  }));

  connection.onRequest(Requests.nodeAt, crossFileRequest(session, ({ uri, line }: { uri: string; line: number }) => {
    const file = session.facts(uri);
    return file ? nodeAt(file, line) : null;
  }));
}
