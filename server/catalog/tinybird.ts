// Tables and columns Tinybird provides without a datafile: service data sources, the quarantine
// table of every datasource, and the columns Tinybird adds to Kafka and import datasources.
// Service data sources: https://tinybird.co/docs/classic/monitoring/service-datasources (see the
// list of sources above TINYBIRD for what each name and column rests on).

/** A column as Tinybird documents it: name and ClickHouse type ('' when the type is not documented). */
export interface CatalogColumn {
  name: string;
  type: string;
}

const columns = (spec: string): CatalogColumn[] =>
  spec
    .split(/\n/)
    .filter((line) => line.trim())
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

/*
 * Service data sources and the columns Tinybird's own material confirms. A column with no type
 * is one whose name is confirmed but whose type is not documented. Sources:
 * - https://tinybird.co/docs/classic/monitoring/service-datasources and
 *   https://www.tinybird.co/docs/md/classic/monitoring/service-datasources (pipe_stats_rt with
 *   types; older revisions of the page: pipe_stats)
 * - https://tinybird.co/docs/classic/monitoring/health-checks (datasources_ops_log columns)
 * - https://tinybird.co/docs/monitoring/jobs (jobs_log, organization.jobs_log, sinks_ops_log)
 * - https://www.tinybird.co/docs/forward/monitoring/kafka-clickhouse-monitoring (kafka_ops_log)
 * - Tinybird's CLI `tb logs` (log sources and the columns it reads from each), its agent prompt
 *   (bi_stats, bi_stats_rt, releases_log and their organization twins) and its datafile
 *   INTERNAL_TABLES (datasources_storage)
 * - Tinybird's organization monitoring prompts (mcp-tinybird), whose queries name the
 *   organization.* columns
 * - jobs_log: started_at, pipe_id, job_metadata as read by the crowd.dev project (../shared/corpus)
 */
const TINYBIRD: Record<string, string> = {
  pipe_stats_rt: `
    start_datetime DateTime
    pipe_id String
    pipe_name String
    duration Float
    read_bytes UInt64
    read_rows UInt64
    result_rows UInt64
    url String
    error UInt8
    request_id String
    token String
    token_name String
    status_code Int32
    method
  `,
  pipe_stats: `
    date Date
    pipe_id String
    view_count
    error_count
    avg_duration_state
    quantile_timing_state
  `,
  bi_stats_rt: `
    start_datetime
  `,
  bi_stats: '',
  block_log: `
    timestamp
    datasource_name
    status
    source
    rows
    bytes
    processing_time
    processing_error
    quarantine_lines
  `,
  datasources_ops_log: `
    timestamp
    event_type
    datasource_id
    datasource_name
    result
    elapsed_time
    error
    rows
    rows_quarantine
    pipe_name
  `,
  endpoint_errors: `
    start_datetime
    pipe_name
    status_code
    error
    url
    params
  `,
  kafka_ops_log: `
    timestamp
    topic
    partition
    msg_type
    lag
    processed_messages
    committed_messages
    msg
    time_write
  `,
  datasources_storage: '',
  releases_log: '',
  sinks_ops_log: `
    timestamp
    service
    pipe_name
    result
    error
    elapsed_time
    read_rows
    written_rows
  `,
  jobs_log: `
    job_id
    job_type
    status
    pipe_id
    pipe_name
    error
    created_at
    started_at
    job_metadata
  `,
  llm_usage: `
    start_time
    feature
    origin
    user_email
    prompt_tokens
    completion_tokens
    total_tokens
    duration
    cost
  `,
};

const ORGANIZATION: Record<string, string> = {
  workspaces: `
    workspace_id
    name
  `,
  pipe_stats_rt: `
    start_datetime
    organization_id
    workspace_id
    pipe_name
    status_code
    duration
    cpu_time
    memory_usage
  `,
  pipe_stats: `
    date
    workspace_id
    view_count
    error_count
    avg_duration_state
    quantile_timing_state
    read_bytes_sum
    read_rows_sum
    cpu_time_sum
  `,
  bi_stats_rt: '',
  bi_stats: '',
  datasources_ops_log: `
    organization_id
    workspace_id
    datasource_name
    event_type
    result
    elapsed_time
    cpu_time
    memory_usage
  `,
  datasources_ops_stats: `
    event_date
    workspace_id
    event_type
    error_count
    executions
    read_bytes
    read_rows
    written_bytes
    written_rows
    written_rows_quarantine
    cpu_time
    avg_elapsed_time_state
    quantiles_state
  `,
  datasources_storage: `
    timestamp
    workspace_id
    bytes
    rows
  `,
  jobs_log: `
    organization_id
    workspace_id
    job_type
  `,
  metrics_logs: `
    metric
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
