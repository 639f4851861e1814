// What the client needs from the language server beyond server/protocol.ts, and the server calls the
// command logic uses. The client never parses datafiles: push bodies are built from these answers.
import type { AppendFixtureLocallyParams, AppendFixtureLocallyResult, PipeInfo, ProjectGraph, ProjectGraphParams, ProjectSummary, PushDefinition, PushDiagnostic, RunLocallyParams } from '../../server/protocol';
import type { QueryResult } from './schemas';

export type {
  DatasourceDefinition,
  EngineDefinition,
  PipeDefinition,
  PipeNodeDefinition,
  PushDefinition,
  PushDiagnostic,
  TokenGrant,
} from '../../server/protocol';

/** The language-server calls the command logic uses, as plain async functions (tests pass fakes). */
export interface TinybirdServer {
  /** The graph of one project: the file's (`uri`), the one at `root`, or the only one (see Requests.projectGraph). */
  projectGraph(params: ProjectGraphParams): Promise<ProjectGraph>;
  /** Every project of the workspace. */
  projects(): Promise<ProjectSummary[]>;
  pipeInfo(uri: string): Promise<PipeInfo | null>;
  nodeAt(uri: string, line: number): Promise<{ node: string; sql: string } | null>;
  formatText(text: string, fileName: string): Promise<string>;
  pushDefinition(uri: string): Promise<PushDefinition>;
  /** The errors and warnings of the files, for the push preflight. */
  pushDiagnostics(uris: string[]): Promise<PushDiagnostic[]>;
  /** The pipe run on a fresh embedded engine with the project's fixtures (Requests.runLocally). */
  runLocally(params: RunLocallyParams): Promise<QueryResult>;
  /** A file appended to a datasource on a fresh embedded engine with the project's fixtures (Requests.appendFixtureLocally). */
  appendFixtureLocally(params: AppendFixtureLocallyParams): Promise<AppendFixtureLocallyResult>;
}
