// Tables and columns Tinybird provides without a datafile: service data sources, the quarantine
// table of every datasource, and the columns Tinybird adds to Kafka and import datasources.

/** A column as Tinybird documents it: name and ClickHouse type. */
export interface CatalogColumn {
  name: string;
  type: string;
}

const columns = (spec: string): CatalogColumn[] =>
  spec
    .trim()
    .split(/\n/)
    .map((line) => {
      const [name, ...type] = line.trim().split(/\s+/);
      return { name, type: type.join(' ') };
    });

/**
 * Columns every Kafka datasource has besides its SCHEMA (tb's `kafka_metadata_columns`).
 * Source: https://www.tinybird.co/docs/classic/get-data-in/connectors/kafka (Kafka meta columns).
 */
export const KAFKA_METADATA_COLUMNS = columns(`
  __value String
  __topic LowCardinality(String)
  __partition Int16
  __offset Int64
  __timestamp DateTime
  __key String
  __headers Map(String, String)
`);

/**
 * Added by Tinybird to datasources filled by the BigQuery, Snowflake and S3 connectors
 * (IMPORT_SERVICE / IMPORT_CONNECTION_NAME).
 */
export const IMPORT_COLUMNS = columns(`
  insertion_date DateTime
`);

/**
 * The columns of `<datasource>_quarantine` before the datasource's own ones (which come as
 * Nullable(String)). Source: https://www.tinybird.co/docs/forward/get-data-in/quarantine
 */
export const QUARANTINE_COLUMNS = columns(`
  c__error_column Array(String)
  c__error Array(String)
  c__import_id Nullable(String)
  insertion_date DateTime
`);

export const QUARANTINE_SUFFIX = '_quarantine';

/** The databases service data sources live in. */
export type ServiceDatabase = 'tinybird' | 'organization';

/**
 * Service data sources and their documented columns.
 * Source: https://www.tinybird.co/docs/classic/monitoring/service-datasources
 * (organization-level ones: same page, "Organization service data sources").
 */
const PIPE_STATS_RT = `
  start_datetime DateTime
  pipe_id String
  pipe_name String
  duration Float32
  read_bytes UInt64
  read_rows UInt64
  result_rows UInt64
  url Nullable(String)
  error UInt8
  request_id String
  token String
  token_name String
  status_code Int32
  method String
  parameters Map(String, String)
  release String
  user_agent Nullable(String)
  resource_tags Array(String)
  cpu_time Float32
`;
const PIPE_STATS = `
  date Date
  pipe_id String
  pipe_name String
  view_count UInt64
  error_count UInt64
  avg_duration_state AggregateFunction(avg, Float32)
  quantile_timing_state AggregateFunction(quantilesTiming(0.9, 0.95, 0.99), Float64)
  read_bytes_sum UInt64
  read_rows_sum UInt64
  resource_tags Array(String)
`;
const BI_STATS_RT = `
  start_datetime DateTime
  query String
  query_normalized String
  error_code Int32
  error String
  duration UInt64
  read_rows UInt64
  read_bytes UInt64
  result_rows UInt64
  result_bytes UInt64
`;
const BI_STATS = `
  date Date
  database String
  query_normalized String
  view_count UInt64
  error_count UInt64
  avg_duration_state AggregateFunction(avg, Float32)
  quantile_timing_state AggregateFunction(quantilesTiming(0.9, 0.95, 0.99), Float64)
  read_bytes_sum UInt64
  read_rows_sum UInt64
  avg_result_rows_state AggregateFunction(avg, Float32)
  avg_result_bytes_state AggregateFunction(avg, Float32)
`;
const DATASOURCES_OPS_LOG = `
  timestamp DateTime
  event_type LowCardinality(String)
  datasource_id String
  datasource_name String
  result LowCardinality(String)
  elapsed_time Float32
  error Nullable(String)
  import_id Nullable(String)
  job_id Nullable(String)
  request_id String
  rows Nullable(UInt64)
  rows_quarantine Nullable(UInt64)
  blocks_ids Array(Nullable(String))
  Options Nested(Names String, Values String)
  Options.Names Array(String)
  Options.Values Array(String)
  pipe_id String
  pipe_name String
  read_rows UInt64
  read_bytes UInt64
  written_rows UInt64
  written_bytes UInt64
  written_rows_quarantine UInt64
  written_bytes_quarantine UInt64
  operation_id String
  release String
  resource_tags Array(String)
  cpu_time Float32
`;
const DATASOURCES_STORAGE = `
  timestamp DateTime
  datasource_id String
  datasource_name String
  bytes UInt64
  rows UInt64
  bytes_quarantine UInt64
  rows_quarantine UInt64
  resource_tags Array(String)
`;
const JOBS_LOG = `
  job_id String
  job_type LowCardinality(String)
  workspace_id String
  pipe_id String
  pipe_name String
  created_at DateTime
  updated_at DateTime
  started_at DateTime
  status LowCardinality(String)
  error Nullable(String)
  job_metadata JSON
  resource_tags Array(String)
`;
const SINKS_OPS_LOG = `
  timestamp DateTime
  service LowCardinality(String)
  pipe_name String
  pipe_id String
  result LowCardinality(String)
  error Nullable(String)
  elapsed_time Float64
  job_id Nullable(String)
  read_rows UInt64
  written_rows UInt64
  read_bytes UInt64
  written_bytes UInt64
  output Array(String)
  parameters Map(String, String)
  options Map(String, String)
  cpu_time Float64
  resource_tags Array(String)
`;
const DATA_TRANSFER = `
  timestamp DateTime
  event LowCardinality(String)
  origin_provider LowCardinality(String)
  origin_region LowCardinality(String)
  destination_provider LowCardinality(String)
  destination_region LowCardinality(String)
  kind LowCardinality(String)
  bytes UInt64
`;

const TINYBIRD: Record<string, string> = {
  pipe_stats_rt: PIPE_STATS_RT,
  pipe_stats: PIPE_STATS,
  bi_stats_rt: BI_STATS_RT,
  bi_stats: BI_STATS,
  block_log: `
    timestamp DateTime
    import_id String
    job_id Nullable(String)
    request_id String
    source String
    block_id String
    status String
    datasource_id String
    datasource_name String
    start_offset Nullable(Int64)
    end_offset Nullable(Int64)
    rows Nullable(Int32)
    parser LowCardinality(Nullable(String))
    quarantine_lines Nullable(UInt32)
    empty_lines Nullable(UInt32)
    bytes Nullable(UInt32)
    processing_time Nullable(Float32)
    processing_error Nullable(String)
  `,
  datasources_ops_log: DATASOURCES_OPS_LOG,
  datasource_ops_stats: `
    event_date Date
    workspace_id String
    event_type String
    pipe_id String
    pipe_name String
    error_count UInt64
    executions UInt64
    avg_elapsed_time_state Float64
    quantiles_state Float32
    read_bytes UInt64
    read_rows UInt64
    written_rows UInt64
    written_bytes UInt64
    written_rows_quarantine UInt64
    written_bytes_quarantine UInt64
    resource_tags Array(String)
  `,
  endpoint_errors: `
    start_datetime DateTime
    request_id String
    pipe_id String
    pipe_name String
    params Nullable(String)
    url Nullable(String)
    status_code Nullable(Int32)
    error Nullable(String)
    resource_tags Array(String)
  `,
  kafka_ops_log: `
    timestamp DateTime
    datasource_id String
    topic String
    partition Int16
    msg_type String
    lag Int64
    processed_messages Int32
    processed_bytes Int32
    committed_messages Int32
    msg String
  `,
  datasources_storage: DATASOURCES_STORAGE,
  releases_log: `
    timestamp DateTime
    event_type LowCardinality(String)
    semver String
    commit String
    token String
    token_name String
    result LowCardinality(String)
    error String
  `,
  sinks_ops_log: SINKS_OPS_LOG,
  data_transfer: DATA_TRANSFER,
  jobs_log: JOBS_LOG,
  llm_usage: `
    start_time DateTime
    end_time DateTime
    organization_id String
    organization_name String
    workspace_id String
    workspace_name String
    user_email String
    prompt_tokens UInt32
    completion_tokens UInt32
    total_tokens UInt32
    duration Float32
    cost Float32
    origin String
    model String
    feature String
    error String
  `,
};

const WORKSPACE = `
  workspace_id String
  organization_id String
`;

const ORGANIZATION: Record<string, string> = {
  workspaces: `
    workspace_id String
    name String
    deleted Bool
    created_at DateTime
    organization_id String
    deleted_at Nullable(DateTime)
  `,
  pipe_stats_rt: WORKSPACE + PIPE_STATS_RT,
  pipe_stats: WORKSPACE + PIPE_STATS,
  bi_stats_rt: WORKSPACE + BI_STATS_RT,
  bi_stats: WORKSPACE + BI_STATS,
  datasources_ops_log: WORKSPACE + DATASOURCES_OPS_LOG,
  datasources_storage: WORKSPACE + DATASOURCES_STORAGE,
  data_transfer: WORKSPACE + DATA_TRANSFER,
  jobs_log: WORKSPACE + JOBS_LOG,
  sinks_ops_log: WORKSPACE + SINKS_OPS_LOG,
  metrics_logs: `
    timestamp DateTime
    cluster LowCardinality(String)
    host LowCardinality(String)
    metric LowCardinality(String)
    value Int64
    description LowCardinality(String)
    organization_id String
  `,
};

const SERVICE: Record<ServiceDatabase, Record<string, string>> = { tinybird: TINYBIRD, organization: ORGANIZATION };

export function isServiceDatabase(name: string): name is ServiceDatabase {
  return name === 'tinybird' || name === 'organization';
}

/** The service data source names of a database. */
export function serviceDatasourceNames(database: ServiceDatabase): string[] {
  return Object.keys(SERVICE[database]);
}

const parsed = new Map<string, CatalogColumn[]>();

/** The documented columns of `database.name`, or undefined when Tinybird has no such service data source. */
export function serviceDatasourceColumns(database: ServiceDatabase, name: string): CatalogColumn[] | undefined {
  const spec = Object.hasOwn(SERVICE[database], name) ? SERVICE[database][name] : undefined;
  if (spec === undefined) return undefined;
  const key = `${database}.${name}`;
  let cols = parsed.get(key);
  if (!cols) parsed.set(key, (cols = columns(spec)));
  return cols;
}
