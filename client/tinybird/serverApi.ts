// What the client needs from the language server beyond server/protocol.ts, and the server calls the
// command logic uses. The client never parses datafiles: push bodies are built from these answers.
import type { NodeType, PipeInfo, ProjectGraph } from '../../server/protocol';

/** LSP request `tinybird/pushDefinition`: params `{ uri }` → `PushDefinition`.
 *  A datafile that cannot be parsed is answered with a ResponseError whose message names the file and line. */
export const PUSH_DEFINITION_REQUEST = 'tinybird/pushDefinition';

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

/** The language-server calls the command logic uses, as plain async functions (tests pass fakes). */
export interface TinybirdServer {
  projectGraph(): Promise<ProjectGraph>;
  pipeInfo(uri: string): Promise<PipeInfo | null>;
  nodeAt(uri: string, line: number): Promise<{ node: string; sql: string } | null>;
  formatText(text: string, fileName: string): Promise<string>;
  pushDefinition(uri: string): Promise<PushDefinition>;
}
