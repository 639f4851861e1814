// Custom LSP requests shared by the server and the extension. The client never parses datafiles:
// it asks the server through these.

export type ResourceKind = 'datasource' | 'pipe';

/** A datafile of the workspace as the push and test commands need it. */
export interface ProjectResource {
  name: string;
  kind: ResourceKind;
  uri: string;
  /** Names of the datasources and pipes this resource needs to exist first (reads, MV/copy targets). */
  dependsOn: string[];
  /** URIs of the `.incl` files the resource INCLUDEs, nested includes too (each resolved relative to the file naming it). */
  includes?: string[];
}

/** One Tinybird project's resources (README "Projects"): names never resolve across projects. */
export interface ProjectGraph {
  /** The project's root folder. */
  root: string;
  resources: ProjectResource[];
}

/** `Requests.projectGraph` params: the project of a file, or of a root; neither: the only project. */
export interface ProjectGraphParams {
  uri?: string;
  root?: string;
}

/** A project of the workspace, as `Requests.projects` lists it. */
export interface ProjectSummary {
  root: string;
  /** Datasources and pipes. */
  resources: number;
}

export type NodeType = 'standard' | 'endpoint' | 'materialized' | 'copy' | 'sink' | 'stream';

export interface TemplateParameter {
  name: string;
  /** Template type function, e.g. `String`, `Int32`, `DateTime`, `Array`. */
  type: string;
  default?: string;
  required: boolean;
  description?: string;
}

export interface PipeNodeInfo {
  name: string;
  type: NodeType;
  sql: string;
  /** Target datasource for materialized (DATASOURCE) and copy (TARGET_DATASOURCE) nodes. */
  target?: string;
  copyMode?: string;
  copySchedule?: string;
}

export interface PipeInfo {
  name: string;
  uri: string;
  nodes: PipeNodeInfo[];
  /** The node tb publishes as the endpoint (explicit TYPE endpoint, else the last node), if any. */
  endpointNode?: string;
  params: TemplateParameter[];
}

export const Requests = {
  /** params: ProjectGraphParams → ProjectGraph; an error when no project is named and there are several. */
  projectGraph: 'tinybird/projectGraph',
  /** params: {} → ProjectSummary[]: every project of the workspace, by root. */
  projects: 'tinybird/projects',
  /** params: { uri } → PipeInfo | null */
  pipeInfo: 'tinybird/pipeInfo',
  /** params: { uri, line } → { node: string, sql: string } | null: the node at a line. */
  nodeAt: 'tinybird/nodeAt',
  /** params: { text, fileName } → { text } formatted like tb fmt. */
  formatText: 'tinybird/formatText',
  /** params: { uri } → PushDefinition: a datafile as `tb push` sends it. */
  pushDefinition: 'tinybird/pushDefinition',
  /** params: LineageGraphParams → LineageGraphView | null for the webview. */
  lineageGraph: 'tinybird/lineageGraph',
  /** params: ColumnLineageParams → ColumnLineageView | null: a SCHEMA column's path for the webview. */
  columnLineage: 'tinybird/columnLineage',
  /** params: PushDiagnosticsParams → PushDiagnostic[]: the errors and warnings of files about to be pushed. */
  pushDiagnostics: 'tinybird/pushDiagnostics',
  /** params: CompiledSqlParams → CompiledSql: a node's SQL after the template engine. */
  compiledSql: 'tinybird/compiledSql',
  /** params: RunLocallyParams → QueryResult: the pipe run on its project's embedded engine with the project's fixtures. */
  runLocally: 'tinybird/runLocally',
  /** params: {} → TestFileInfo[]: the pipe test files of the workspace folders, as `tb-datafiles test run` finds them. */
  listTests: 'tinybird/listTests',
  /** params: RunTestsParams → RunTestsResult: one test file's cases run on a fresh embedded engine. */
  runTests: 'tinybird/runTests',
  /** params: AppendFixtureLocallyParams → AppendFixtureLocallyResult: a fixture appended on the embedded engine. */
  appendFixtureLocally: 'tinybird/appendFixtureLocally',
  /** params: {} → EngineProject[]: the embedded engines the server runs, one per project. */
  engineProjects: 'tinybird/engineProjects',
} as const;

/** One project's embedded engine (`Requests.engineProjects`). */
export interface EngineProject {
  /** The project root (see datafileProjectRoot). */
  root: string;
  state: 'stopped' | 'starting' | 'ready' | 'restarted' | 'failed';
  /** Pipes of the project checked by ClickHouse so far, and their findings. */
  pipes: number;
  findings: number;
  /** Resident memory of the engine process, chDB's included; absent when it is not running. */
  rssBytes?: number;
}

/** `Requests.compiledSql` params. Without `params` the node renders in test mode, as tb check and push do. */
export interface CompiledSqlParams {
  uri: string;
  node: string;
  /** The whole query: references to other nodes and pipes become subqueries. */
  resolved?: boolean;
  /** Request parameters as an HTTP request sends them (strings). */
  params?: Record<string, string>;
}

export type CompiledSql =
  | { ok: true; sql: string }
  /** The template failed: Tinybird's exception class and message, and where (0-based line) when known. */
  | { ok: false; kind: string; message: string; node: string; line?: number };

/** An endpoint (no node), a node, or a copy pipe (no node: its copy runs) of the pipe at `uri`. */
export interface RunLocallyParams {
  uri: string;
  node?: string;
  params?: Record<string, string>;
}

/** A case of a pipe test file: 0-based lines, from its `-` to the end of its last non-blank line. */
export interface TestCaseInfo {
  name: string;
  description?: string;
  line: number;
  endLine: number;
  /** Length of the last line. */
  endCharacter: number;
}

export interface TestFileInfo {
  uri: string;
  format: 'classic' | 'forward';
  cases: TestCaseInfo[];
  /** Why the file could not be read (its cases are then not listed). */
  error?: string;
}

/** `Requests.runTests` params: a test file, and the names of the cases to run (all when absent). */
export interface RunTestsParams {
  uri: string;
  cases?: string[];
}

/** A case's outcome; `(file)` stands for a file that could not be read. */
export interface TestCaseOutcome {
  name: string;
  passed: boolean;
  ms: number;
  /** Why it failed. */
  message?: string;
  /** Forward-style: the expected rows as NDJSON. */
  expected?: string;
  /** The rows the case returned, as NDJSON (also when it passed). */
  actual?: string;
}

export type RunTestsResult =
  | { ok: true; results: TestCaseOutcome[] }
  /** Nothing ran: chDB is not installed (`engineMissing`), or the file is not a test file on disk. */
  | { ok: false; message: string; engineMissing: boolean };

/** `Requests.appendFixtureLocally` params: an NDJSON/CSV file appended to a datasource of the workspace. */
export interface AppendFixtureLocallyParams {
  datasource: string;
  /** URI of the NDJSON or CSV file. */
  file: string;
}

export interface AppendFixtureLocallyResult {
  rows: number;
  /** Rows the materialized views fired by the append wrote, per target (chains included). */
  written: { table: string; rows: number }[];
  /** Rows of the project's fixtures loaded first, as `tb-datafiles run` does. */
  fixtureRows: number;
}

/**
 * Rows as ClickHouse's JSON output format gives them, which is also Tinybird's API shape: the result of
 * `Requests.runLocally`, of the engine's queries and of `tb-datafiles run --format json`.
 */
export type QueryResult = {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
  rows: number;
  statistics: { elapsed: number; rows_read: number; bytes_read: number };
};

/** Notifications: server → client (engineState) and client → server (savedParams). */
export const Notifications = {
  /** params: EngineStatus, whenever the embedded ClickHouse engine's state changes. */
  engineState: 'tinybird/engineState',
  /** params: SavedParams, sent by the client at start and whenever a pipe's parameter values are saved. */
  savedParams: 'tinybird/savedParams',
} as const;

/**
 * The parameter values the client remembers for a pipe (the parameters form, Run endpoint), by pipe
 * name as it remembers them; `{}` when none. The engine analyses each node in test mode and with these.
 */
export interface SavedParams {
  pipe: string;
  values: Record<string, string>;
}

/** The embedded engine as the status bar shows it. */
export interface EngineStatus {
  state: 'off' | 'unavailable' | 'starting' | 'ready' | 'failed';
  /** One line for the tooltip, e.g. `678 nodes analysed, 2 findings`. */
  message: string;
}

export interface PushDiagnosticsParams {
  uris: string[];
}

/** One error or warning of a file about to be pushed (information and hints are left out). */
export interface PushDiagnostic {
  uri: string;
  /** 0-based, as in LSP. */
  line: number;
  severity: 'error' | 'warning';
  /** The rule id, e.g. `unresolved-reference`; '' for parse errors without one. */
  code: string;
  message: string;
}

/** How far the lineage view walks in one direction: a number of steps, or the whole lineage. */
export type LineageDepth = number | 'all';

/** `Requests.lineageGraph` params; each depth defaults to 2. */
export interface LineageGraphParams {
  uri: string;
  upstream?: LineageDepth;
  downstream?: LineageDepth;
}

/** One box of a lineage graph: a resource, or (in a column's path) a column or a writing node. */
export interface LineageGraphNode {
  /** Unique in the graph: the resource name, `datasource.column`, or `pipe.node`. */
  id: string;
  /** What the box shows (and the search matches) when it is not the id, e.g. `pipe › node`. */
  label?: string;
  kind: ResourceKind | 'column' | 'node';
  uri: string;
  /** 0-based line to open the file at. */
  line?: number;
  /** Column of the layered layout: 0 for the root, -n for n steps upstream, +n downstream. */
  layer: number;
  /** Short role, e.g. `raw`, `copy target · multi-snapshot`, `endpoint`, or a writer's expression. */
  detail: string;
  /** Set on a node where the trace stops, saying why (e.g. `selects *: not traced further`). */
  stop?: string;
}

/** Data flows from `from` to `to`. */
export interface LineageGraphEdge {
  from: string;
  to: string;
}

/** Result of Requests.lineageGraph: the upstream and downstream of a resource. */
export interface LineageGraphView {
  root: string;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
  /** How many resources lie beyond the depth limit, per direction. */
  cut: { upstream: number; downstream: number };
  depth: { upstream: LineageDepth; downstream: LineageDepth };
}

/** `Requests.columnLineage` params: `column` of the datasource at `uri`, or the column at `position` (SCHEMA or SQL). */
export interface ColumnLineageParams {
  uri: string;
  column?: string;
  /** 0-based, as in LSP. */
  position?: { line: number; character: number };
}

/**
 * Result of Requests.columnLineage: where a column comes from (the SELECT items of MV/copy nodes
 * writing it, and the columns those read) and where it goes (pipes reading it, columns it is
 * written into), with the places the trace stops.
 */
export interface ColumnLineageView {
  /** Id of the column's own box, `datasource.column`. */
  root: string;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
  /** One line per place the trace stops, e.g. `x › y selects *: not traced further`. */
  stops: string[];
}

// What `tb push` sends for each datafile (reference §6.2, §6.3).

/** `Requests.pushDefinition` params. A datafile that cannot be parsed is answered with a ResponseError naming the file and line. */
export interface PushDefinitionParams {
  uri: string;
}

/** ENGINE and ENGINE_* settings. `args` keys are the lower-case ENGINE_ suffix (`sorting_key`, `ver`, `partition_key`, `ttl`, `settings`…); values verbatim. */
export interface EngineDefinition {
  type: string;
  args: Record<string, string>;
}

/** `TOKEN "<name>" <permission>` lines. */
export interface TokenGrant {
  name: string;
  permission: 'READ' | 'APPEND';
}

/** A `.datasource` as `tb push` sends it (reference §6.2). */
export interface DatasourceDefinition {
  kind: 'datasource';
  /** API name: the file basename, plus `__v{N}` when VERSION N is set. */
  name: string;
  /** DESCRIPTION text, '' when absent. */
  description: string;
  /** Canonical columns (§4.3 step 7: `` `name` Type `json:…` DEFAULT … CODEC(…) ``) joined by ','. */
  schema: string;
  /** INDEXES as `name expr TYPE t GRANULARITY n` lines joined by '\n'; '' when none. */
  indexes: string;
  /** 'ndjson' when any column has a json path, else 'csv' (§2.6). */
  format: 'csv' | 'ndjson';
  /** Absent when the file has no ENGINE/ENGINE_* lines (MergeTree). */
  engine?: EngineDefinition;
  /** ENGINE_TTL value, sent again as `ttl` when altering an existing datasource. */
  ttl?: string;
  /** Connector params already mapped to their API names (§2.5: service, connection, cron, kafka_*, …). */
  connector: Record<string, string>;
  /** `k=v` entries of TAGS (plain tags are not push parameters). */
  tags: Record<string, string>;
  tokens: TokenGrant[];
}

export interface PipeNodeDefinition {
  name: string;
  /** Raw SQL including the leading `%` and template code, dedented as the parser does. */
  sql: string;
  type: NodeType;
  description?: string;
  /** Materialized target (DATASOURCE). */
  datasource?: string;
  /** ENGINE settings of a materialized node. */
  engine?: EngineDefinition;
  /** Copy target (TARGET_DATASOURCE). */
  targetDatasource?: string;
  /** COPY_SCHEDULE as written (`@on-demand` when absent). */
  copySchedule?: string;
  copyMode?: 'append' | 'replace';
}

/** A `.pipe` as `tb push` sends it (reference §6.3). */
export interface PipeDefinition {
  kind: 'pipe';
  /** API name: basename plus `__v{N}` when VERSION N is set; referenced names already rewritten. */
  name: string;
  description: string;
  nodes: PipeNodeDefinition[];
  /** Sink/stream node export params with API names (service, connection, schedule_cron, path, file_template, format, …); {} otherwise. */
  exportParams: Record<string, string>;
  tokens: TokenGrant[];
}

export type PushDefinition = DatasourceDefinition | PipeDefinition;
