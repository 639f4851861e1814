// Datasources as ClickHouse tables, the way Tinybird creates them (resolution-and-tables.md §2–3):
// columns rendered like `schema_to_sql_columns` without json paths, the engine like
// `engine_full_from_dict`. Pure: the engine process only executes the statements.
import type { Column, DatafileNode, EngineArg, IndexDecl } from '../parser/ast';
import { renderColumn } from '../parser/schema';
import { renderIndex } from '../parser/indexes';
import type { WorkspaceIndex } from '../workspace/index';

export interface TableDef {
  name: string;
  /** Why the table exists: a datasource file, a materialized node's inline SCHEMA, a Tinybird service table, a quarantine table. */
  origin: 'datasource' | 'inline' | 'service' | 'quarantine';
  sql: string;
  /** Column names, in order. */
  columns: string[];
  /** Column json paths, for loading NDJSON fixtures. */
  jsonPaths: Record<string, string>;
}

interface EngineSpec {
  name: string;
  params: string[];
  required: string[];
  /** Whether a sorting key is mandatory (else it defaults to `tuple()`). */
  needsSortingKey: boolean;
  options: boolean;
}

const ENGINES: EngineSpec[] = [
  { name: 'MergeTree', params: [], required: [], needsSortingKey: false, options: true },
  { name: 'ReplacingMergeTree', params: ['ver', 'is_deleted'], required: [], needsSortingKey: true, options: true },
  { name: 'SummingMergeTree', params: ['columns'], required: [], needsSortingKey: false, options: true },
  { name: 'AggregatingMergeTree', params: [], required: [], needsSortingKey: true, options: true },
  { name: 'CollapsingMergeTree', params: ['sign'], required: ['sign'], needsSortingKey: true, options: true },
  { name: 'VersionedCollapsingMergeTree', params: ['sign', 'version'], required: ['sign', 'version'], needsSortingKey: false, options: true },
  { name: 'Join', params: ['join_strictness', 'join_type', 'key_columns'], required: ['join_strictness', 'join_type', 'key_columns'], needsSortingKey: false, options: false },
  { name: 'Null', params: [], required: [], needsSortingKey: false, options: false },
];

const OPTIONS: [string, string][] = [
  ['partition_key', 'PARTITION BY'],
  ['sorting_key', 'ORDER BY'],
  ['primary_key', 'PRIMARY KEY'],
  ['sampling_key', 'SAMPLE BY'],
  ['ttl', 'TTL'],
];

/**
 * Settings the embedded ClickHouse (26.7) needs to accept tables Tinybird's accepts: AggregatingMergeTree
 * dimensions outside the sorting key, and `DateTime64 DEFAULT ''` (rejected since 25.9).
 */
const COMPATIBILITY_SETTINGS = ['allow_dimensions_outside_sorting_key = 1'];
const COMPATIBILITY_QUERY_SETTING = "compatibility = '25.8'";

export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** `Engine(params) PARTITION BY … SETTINGS …`; throws with tb's message when tb would refuse it. */
export function engineFull(engine: string | undefined, args: readonly Pick<EngineArg, 'name' | 'value'>[]): string {
  const wanted = (engine || 'MergeTree').toLowerCase();
  const spec = ENGINES.find((e) => e.name.toLowerCase() === wanted);
  if (!spec) throw new Error(`Engine ${engine} is not supported, supported engines include: ${ENGINES.map((e) => e.name).join(', ')}`);
  const value = (k: string) => args.find((a) => a.name === k)?.value.trim() || undefined;
  const params: string[] = [];
  for (const p of spec.params) {
    const v = value(p);
    if (v) params.push(v);
    else if (spec.required.includes(p)) throw new Error(`Missing required parameter '${p}'`);
  }
  const parts = [`${spec.name}(${params.join(', ')})`];
  if (spec.options) {
    for (const [key, clause] of OPTIONS) {
      let v = value(key);
      if (key === 'sorting_key' && !v) {
        if (spec.needsSortingKey) throw new Error("Missing required option 'sorting_key'");
        v = 'tuple()';
      }
      if (v) parts.push(`${clause} (${v})`);
    }
    const settings = [value('settings'), ...(spec.name === 'AggregatingMergeTree' ? COMPATIBILITY_SETTINGS : [])].filter(Boolean);
    if (settings.length) parts.push(`SETTINGS ${settings.join(', ')}`);
  }
  return parts.join(' ');
}

function columnSql(c: Column): string {
  if (c.nullable && c.defaultValue?.toUpperCase() === 'DEFAULT NULL') return renderColumn({ ...c, jsonPath: undefined, defaultValue: undefined });
  return renderColumn({ ...c, jsonPath: undefined });
}

export function createTableSql(name: string, columns: readonly Column[], indexes: readonly IndexDecl[], engine: string): string {
  const items = [...columns.map(columnSql), ...indexes.map((i) => `INDEX ${renderIndex(i).trim()}`)];
  // A query setting among the table's: ClickHouse applies it to this CREATE only.
  const mergeTree = /^\w*MergeTree\(/.test(engine);
  const settings = !mergeTree ? '' : engine.includes(' SETTINGS ') ? `, ${COMPATIBILITY_QUERY_SETTING}` : ` SETTINGS ${COMPATIBILITY_QUERY_SETTING}`;
  return `CREATE TABLE ${quoteIdentifier(name)} (\n  ${items.join(',\n  ')}\n) ENGINE = ${engine}${settings}`;
}

export interface TableOptions {
  /** Whether ENGINE_TTL is applied (pipe tests leave it out: the clock would drop fixture rows). */
  ttl?: boolean;
}

function tableOf(name: string, origin: TableDef['origin'], node: DatafileNode, options: TableOptions): TableDef {
  const columns = node.schema?.columns ?? [];
  const args = (node.engine?.args ?? []).filter((a) => options.ttl !== false || a.name !== 'ttl');
  const engine = engineFull(node.engine?.type?.value, args);
  const jsonPaths: Record<string, string> = {};
  for (const c of columns) if (c.jsonPath) jsonPaths[c.name] = c.jsonPath;
  return { name, origin, sql: createTableSql(name, columns, node.indexes?.indexes ?? [], engine), columns: columns.map((c) => c.name), jsonPaths };
}

/** The Tinybird service datasources the corpus reads, from their documented schemas. */
const SERVICE_TABLES: Record<string, string> = {
  jobs_log: `job_id String, job_type String, workspace_id String, pipe_id String, pipe_name String, created_at DateTime, updated_at DateTime, started_at DateTime, status String, error Nullable(String), job_metadata String`,
  pipe_stats_rt: `start_datetime DateTime, pipe_id String, pipe_name String, duration Float32, url Nullable(String), error UInt8, request_id String, token String, token_name String, status_code Int32, method String, parameters Map(String, String), release String, user_agent Nullable(String), resource_tags Array(String), read_bytes UInt64, read_rows UInt64, result_rows UInt64, cpu_time Float32`,
  pipe_stats: `date Date, pipe_id String, pipe_name String, view_count UInt64, error_count UInt64, avg_duration_state AggregateFunction(avg, Float32), quantile_timing_state AggregateFunction(quantilesTiming(0.9, 0.95, 0.99), Float64), read_bytes_sum UInt64, read_rows_sum UInt64, resource_tags Array(String)`,
  datasources_ops_log: `timestamp DateTime, event_type LowCardinality(String), datasource_id String, datasource_name String, result LowCardinality(String), elapsed_time Float32, error Nullable(String), request_id String, import_id Nullable(String), job_id Nullable(String), rows Nullable(UInt64), rows_quarantine Nullable(UInt64), blocks_ids Array(String), Options Nested(Names String, Values String), pipe_id String, pipe_name String, release String, read_rows UInt64, read_bytes UInt64, written_rows UInt64, written_bytes UInt64, written_rows_quarantine UInt64, written_bytes_quarantine UInt64, operation_id String, resource_tags Array(String), cpu_time Float32`,
};

export const SERVICE_DATABASE = 'tinybird';

/** In a database of their own, shared by a project's analysis and its runs' databases: hence IF NOT EXISTS. */
export function serviceTables(): TableDef[] {
  const create = `CREATE DATABASE IF NOT EXISTS ${SERVICE_DATABASE}`;
  return [
    { name: `${SERVICE_DATABASE}`, origin: 'service', sql: create, columns: [], jsonPaths: {} },
    ...Object.entries(SERVICE_TABLES).map(([name, columns]): TableDef => ({
      name: `${SERVICE_DATABASE}.${name}`,
      origin: 'service',
      sql: `CREATE TABLE IF NOT EXISTS ${SERVICE_DATABASE}.${quoteIdentifier(name)} (${columns}) ENGINE = MergeTree() ORDER BY (tuple())`,
      columns: [],
      jsonPaths: {},
    })),
  ];
}

/** `<ds>_quarantine`: Tinybird's error columns, every column as Nullable(String), insertion_date (§3.2). */
export function quarantineTable(name: string, columns: readonly Column[]): TableDef {
  const dateColumn = columns.some((c) => c.name === 'insertion_date') ? 'insertion_date_' : 'insertion_date';
  const items = [
    '`c__error_column` Array(String)',
    '`c__error` Array(String)',
    '`c__import_id` Nullable(String)',
    ...columns.map((c) => `${quoteIdentifier(c.name)} Nullable(String)`),
    `${quoteIdentifier(dateColumn)} DateTime DEFAULT now()`,
  ];
  const qname = `${name}_quarantine`;
  return {
    name: qname,
    origin: 'quarantine',
    sql: `CREATE TABLE ${quoteIdentifier(qname)} (\n  ${items.join(',\n  ')}\n) ENGINE = MergeTree() PARTITION BY (toYear(${quoteIdentifier(dateColumn)})) ORDER BY (${quoteIdentifier(dateColumn)})`,
    columns: ['c__error_column', 'c__error', 'c__import_id', ...columns.map((c) => c.name), dateColumn],
    jsonPaths: {},
  };
}

export interface ProjectTables {
  tables: TableDef[];
  /** Datasources tb itself would refuse (the engine message), not created. */
  refused: { name: string; message: string }[];
}

/** Every table of the project: datasources, the quarantine tables pipes read, inline MV targets, service tables. */
export function projectTables(index: WorkspaceIndex, options: TableOptions = {}): ProjectTables {
  const tables: TableDef[] = [];
  const refused: ProjectTables['refused'] = [];
  const names = new Set<string>();
  const add = (name: string, origin: TableDef['origin'], node: DatafileNode) => {
    if (names.has(name)) return;
    names.add(name);
    try {
      tables.push(tableOf(name, origin, node, options));
      // Created only when read, as 281 tables instead of 138 would double the engine's start.
      if (origin === 'datasource' && index.readersOf(`${name}_quarantine`).length) tables.push(quarantineTable(name, node.schema?.columns ?? []));
    } catch (e) {
      refused.push({ name, message: (e as Error).message });
    }
  };
  const files = [...index.all()].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of files) if (file.role === 'datasource' && file.nodes[0]) add(file.name, 'datasource', file.nodes[0].node);
  for (const file of files) {
    if (file.role !== 'pipe') continue;
    for (const { node } of index.nodesOf(file)) {
      if (node.type === 'materialized' && node.target && node.node.schema && !index.datasource(node.target.name)) add(node.target.name, 'inline', node.node);
    }
  }
  return { tables: [...serviceTables(), ...tables], refused };
}
