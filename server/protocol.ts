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
}

export interface ProjectGraph {
  resources: ProjectResource[];
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
  /** params: {} → ProjectGraph */
  projectGraph: 'tinybird/projectGraph',
  /** params: { uri } → PipeInfo | null */
  pipeInfo: 'tinybird/pipeInfo',
  /** params: { uri, line } → { node: string, sql: string } | null: the node at a line. */
  nodeAt: 'tinybird/nodeAt',
  /** params: { text, fileName } → { text } formatted like tb fmt. */
  formatText: 'tinybird/formatText',
  /** params: { uri } → LineageGraphView for the webview. */
  lineageGraph: 'tinybird/lineageGraph',
} as const;
