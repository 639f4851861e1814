// Datafile keyword catalog: the single source of truth for the commands a classic Tinybird
// datafile (.datasource / .pipe / .incl / .token) may contain, the engines and their ENGINE_* args.
//
// Derived from the `cmds` table of the classic CLI 5.14.0 as documented in
// shared/reference/datafile-format.md §1.1 (commands), §2.4 (engines), §2.5 and §3 (values).
// Data only: parser, diagnostics, completion and hover import these tables; no behaviour here
// beyond trivial case-insensitive lookups.

/** File kinds a keyword is meaningful in. `include` = `.incl` (textually spliced into the includer). */
export type DatafileKind = 'datasource' | 'pipe' | 'include' | 'token';

/** `line`: `KEYWORD value`; `block`: `KEYWORD >` followed by indented lines; `line-or-block`: either. */
export type KeywordForm = 'line' | 'block' | 'line-or-block';

/**
 * Where the parser stores the value: on the current node (`node`; in a .datasource the hidden
 * `default` node), on the document (`document`), or both (`DESCRIPTION`, `TAGS`).
 */
export type KeywordScope = 'node' | 'document' | 'both';

export type KeywordGroup =
  | 'general'
  | 'schema'
  | 'engine'
  | 'engine-arg'
  | 'legacy-engine'
  | 'node'
  | 'materialized'
  | 'copy'
  | 'sink'
  | 'kafka'
  | 'import'
  | 'token-file'
  | 'legacy';

/** Node types documented for `TYPE` (the parser does not check them). */
export type PipeNodeType = 'endpoint' | 'materialized' | 'copy' | 'sink' | 'stream';

export interface KeywordValue {
  readonly value: string;
  readonly description: string;
}

export interface DatafileKeyword {
  /** Upper-case keyword as written in datafiles (lookup is case-insensitive). */
  readonly name: string;
  /** For alternative spellings (`INDICES` → `INDEXES`, `MODE` → `COPY_MODE`). */
  readonly aliasOf?: string;
  readonly form: KeywordForm;
  readonly kinds: readonly DatafileKind[];
  readonly scope: KeywordScope;
  /** True when the value lives on the current node (scope `node` or `both`). */
  readonly nodeLevel: boolean;
  readonly group: KeywordGroup;
  /** One-line usage, e.g. `TOKEN <name> <READ|APPEND>`. */
  readonly usage: string;
  /** Short Markdown description. */
  readonly description: string;
  /** LSP snippet inserted by completion. */
  readonly snippet: string;
  /** Suggested values; when `valuesClosed` is true these are the only accepted ones. */
  readonly values?: readonly KeywordValue[];
  readonly valuesClosed?: boolean;
  /** For pipe-node keywords: the node types they belong to. */
  readonly nodeTypes?: readonly PipeNodeType[];
  /** For `ENGINE_*` keywords: the lower-case engine arg name (`ENGINE_VER` → `ver`). */
  readonly engineArg?: EngineArgName;
  /** Still parsed but superseded / not emitted by `tb fmt`. */
  readonly legacy?: boolean;
  /** Parsed but does nothing useful (`TEST`). */
  readonly inert?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Value sets

export const PIPE_NODE_TYPES: readonly KeywordValue[] = [
  { value: 'endpoint', description: 'Publish the node as an HTTP API endpoint.' },
  { value: 'materialized', description: 'Materialized view: every insert into the source is transformed and appended to `DATASOURCE`.' },
  { value: 'copy', description: 'Copy pipe: runs on a schedule or on demand and writes the result into `TARGET_DATASOURCE`.' },
  { value: 'sink', description: 'Sink pipe: exports the result to an external service (S3, GCS, Kafka) via `EXPORT_*` settings.' },
  { value: 'stream', description: 'Streams the result to a Kafka topic (`KAFKA_CONNECTION_NAME`, `KAFKA_TOPIC`).' },
];

export const COPY_MODES: readonly KeywordValue[] = [
  { value: 'append', description: 'Append the result of each run to the target data source (default).' },
  { value: 'replace', description: 'Replace the whole content of the target data source with the result of each run.' },
];

export const COPY_SCHEDULE_VALUES: readonly KeywordValue[] = [
  { value: '@on-demand', description: 'No schedule: run only when triggered (`tb pipe copy run` or the API).' },
  { value: '0 * * * *', description: 'Cron: every hour, at minute 0.' },
  { value: '*/15 * * * *', description: 'Cron: every 15 minutes.' },
  { value: '0 0 * * *', description: 'Cron: every day at 00:00 UTC.' },
  { value: '0 0 * * 1', description: 'Cron: every Monday at 00:00 UTC.' },
];

export const TOKEN_PERMISSIONS: readonly KeywordValue[] = [
  { value: 'READ', description: 'Read access (query the pipe endpoint / data source).' },
  { value: 'APPEND', description: 'Append access (ingest into the data source).' },
];

export const IMPORT_SERVICES: readonly KeywordValue[] = [
  { value: 'bigquery', description: 'Google BigQuery connector.' },
  { value: 'snowflake', description: 'Snowflake connector.' },
  { value: 's3', description: 'Amazon S3 connector (access key/secret connection).' },
  { value: 's3_iamrole', description: 'Amazon S3 connector using an IAM role.' },
  { value: 'gcs', description: 'Google Cloud Storage connector.' },
  { value: 'dynamodb', description: 'Amazon DynamoDB connector (needs a ReplacingMergeTree engine).' },
];

export const IMPORT_SCHEDULE_VALUES: readonly KeywordValue[] = [
  { value: '@auto', description: 'Ingest new files automatically as they land in the bucket (S3/GCS).' },
  { value: '@on-demand', description: 'Only ingest when triggered manually.' },
  { value: '0 * * * *', description: 'Cron (BigQuery/Snowflake): every hour.' },
];

export const IMPORT_STRATEGIES: readonly KeywordValue[] = [
  { value: 'replace', description: 'Replace the data source content on every import (default).' },
  { value: 'append', description: 'Append imported rows to the data source.' },
];

export const EXPORT_SERVICES: readonly KeywordValue[] = [
  { value: 's3', description: 'Amazon S3 (access key/secret connection).' },
  { value: 's3_iamrole', description: 'Amazon S3 using an IAM role connection.' },
  { value: 'gcs_hmac', description: 'Google Cloud Storage with HMAC keys.' },
  { value: 'kafka', description: 'A Kafka topic (`EXPORT_KAFKA_TOPIC`).' },
];

export const EXPORT_FORMATS: readonly KeywordValue[] = [
  { value: 'csv', description: 'Comma-separated values (default).' },
  { value: 'ndjson', description: 'Newline-delimited JSON.' },
  { value: 'parquet', description: 'Apache Parquet.' },
];

export const EXPORT_COMPRESSIONS: readonly KeywordValue[] = [
  { value: 'none', description: 'No compression.' },
  { value: 'gz', description: 'gzip.' },
  { value: 'zstd', description: 'Zstandard.' },
];

export const EXPORT_WRITE_STRATEGIES: readonly KeywordValue[] = [
  { value: 'new', description: 'Write new files on each run; existing files are kept.' },
  { value: 'truncate', description: 'Overwrite files with the same name.' },
];

export const EXPORT_STRATEGIES: readonly KeywordValue[] = [{ value: '@new', description: 'Default export strategy.' }];

export const BOOLEAN_VALUES: readonly KeywordValue[] = [
  { value: 'True', description: 'Enabled.' },
  { value: 'False', description: 'Disabled (default).' },
];

export const KAFKA_AUTO_OFFSET_RESET_VALUES: readonly KeywordValue[] = [
  { value: 'latest', description: 'A new consumer group starts from the newest messages (default).' },
  { value: 'earliest', description: 'A new consumer group starts from the oldest retained messages.' },
];

export const KAFKA_SASL_MECHANISMS: readonly KeywordValue[] = [
  { value: 'PLAIN', description: 'SASL/PLAIN (default).' },
  { value: 'SCRAM-SHA-256', description: 'SASL/SCRAM with SHA-256.' },
  { value: 'SCRAM-SHA-512', description: 'SASL/SCRAM with SHA-512.' },
  { value: 'OAUTHBEARER', description: 'OAuth bearer tokens (e.g. AWS MSK IAM).' },
];

export const KAFKA_FORMATS: readonly KeywordValue[] = [
  { value: 'json_without_schema', description: 'Plain JSON messages.' },
  { value: 'json_with_schema', description: 'JSON with a schema registry envelope.' },
  { value: 'avro', description: 'Avro, decoded with `KAFKA_SCHEMA_REGISTRY_URL`.' },
  { value: 'string', description: 'Raw string.' },
];

export const JOIN_STRICTNESS_VALUES: readonly KeywordValue[] = [
  { value: 'ANY', description: 'Keep one matching row per key.' },
  { value: 'ALL', description: 'Keep every matching row.' },
  { value: 'SEMI', description: 'Semi join.' },
  { value: 'ANTI', description: 'Anti join.' },
];

export const JOIN_TYPE_VALUES: readonly KeywordValue[] = [
  { value: 'LEFT', description: 'Left join.' },
  { value: 'INNER', description: 'Inner join.' },
  { value: 'RIGHT', description: 'Right join.' },
  { value: 'FULL', description: 'Full outer join.' },
];

/** Skipping-index types the server accepts in `INDEXES` (`INDEX_WHITELIST`). */
export const INDEX_TYPES: readonly string[] = ['minmax', 'set', 'bloom_filter', 'ngrambf_v1', 'tokenbf_v1'];

// ---------------------------------------------------------------------------------------------
// Engines (§2.4)

export type EngineName =
  | 'MergeTree'
  | 'ReplacingMergeTree'
  | 'SummingMergeTree'
  | 'AggregatingMergeTree'
  | 'CollapsingMergeTree'
  | 'VersionedCollapsingMergeTree'
  | 'Join'
  | 'Null';

/** Lower-case engine argument names, i.e. the `<ARG>` of `ENGINE_<ARG>`. */
export type EngineArgName =
  | 'ver'
  | 'is_deleted'
  | 'columns'
  | 'sign'
  | 'version'
  | 'join_strictness'
  | 'join_type'
  | 'key_columns'
  | 'partition_key'
  | 'sorting_key'
  | 'primary_key'
  | 'sampling_key'
  | 'ttl'
  | 'settings';

export interface EngineSpec {
  readonly name: EngineName;
  readonly description: string;
  /** Used when a datasource has no ENGINE line. */
  readonly isDefault?: boolean;
  /** `tb push` warns about it. */
  readonly deprecated?: boolean;
}

export interface EngineArgSpec {
  /** Datafile keyword, e.g. `ENGINE_VER`. */
  readonly keyword: string;
  readonly arg: EngineArgName;
  /**
   * `param`: goes inside the engine's parentheses (`ReplacingMergeTree(ver)`);
   * `option`: a table clause (`ORDER BY`, `PARTITION BY`, `TTL`, `SETTINGS`…).
   */
  readonly kind: 'param' | 'option';
  readonly required: boolean;
  /** The value must name schema column(s): `column` = one, `columns` = comma list. */
  readonly columnRef?: 'column' | 'columns';
  /** `tuple()` is rejected (sorting key of Replacing/Aggregating/Collapsing engines). */
  readonly rejectsEmptyTuple?: boolean;
  /** Fixed value set (JOIN strictness / type). */
  readonly values?: readonly KeywordValue[];
  /** Default applied when absent. */
  readonly defaultValue?: string;
}

export const ENGINES: readonly EngineSpec[] = [
  { name: 'MergeTree', isDefault: true, description: 'General-purpose columnar table engine; the default when a data source has no `ENGINE`.' },
  {
    name: 'ReplacingMergeTree',
    description:
      'MergeTree that deduplicates rows sharing the sorting key during background merges, keeping the row with the highest `ENGINE_VER` (or the last inserted) and optionally dropping rows flagged by `ENGINE_IS_DELETED`.',
  },
  { name: 'SummingMergeTree', description: 'MergeTree that, when merging, collapses rows with the same sorting key into one, summing the numeric columns (or only those in `ENGINE_COLUMNS`).' },
  { name: 'AggregatingMergeTree', description: 'MergeTree that merges rows with the same sorting key by combining their `AggregateFunction` states; the usual target of materialized views.' },
  { name: 'CollapsingMergeTree', description: 'MergeTree that cancels out pairs of rows with the same sorting key and opposite `ENGINE_SIGN` (1 / -1) during merges.' },
  { name: 'VersionedCollapsingMergeTree', description: 'Like CollapsingMergeTree but uses `ENGINE_VERSION` so rows can collapse correctly even when inserted out of order.' },
  { name: 'Join', deprecated: true, description: 'In-memory structure prepared for `JOIN` / `joinGet` lookups. Deprecated in Tinybird: `tb push` prints a warning.' },
  { name: 'Null', description: 'Discards everything written to it; useful as the landing table of materialized views that only forward data.' },
];

const OPT = (arg: EngineArgName, extra: Partial<EngineArgSpec> = {}): EngineArgSpec => ({
  keyword: `ENGINE_${arg.toUpperCase()}`,
  arg,
  kind: 'option',
  required: false,
  ...extra,
});
const PARAM = (arg: EngineArgName, extra: Partial<EngineArgSpec> = {}): EngineArgSpec => ({
  keyword: `ENGINE_${arg.toUpperCase()}`,
  arg,
  kind: 'param',
  required: false,
  ...extra,
});

/** MergeTree-family table options, with the sorting key optionally required and non-empty. */
function mergeTreeOptions(sortingKeyRequired: boolean): EngineArgSpec[] {
  return [
    OPT('partition_key'),
    sortingKeyRequired ? OPT('sorting_key', { required: true, rejectsEmptyTuple: true }) : OPT('sorting_key', { defaultValue: 'tuple()' }),
    OPT('primary_key'),
    OPT('sampling_key'),
    OPT('ttl'),
    OPT('settings'),
  ];
}

/** Per engine, the `ENGINE_*` keywords it accepts and which are required (§2.4). */
export const ENGINE_ARGS: Readonly<Record<EngineName, readonly EngineArgSpec[]>> = {
  MergeTree: mergeTreeOptions(false),
  ReplacingMergeTree: [PARAM('ver', { columnRef: 'column' }), PARAM('is_deleted', { columnRef: 'column' }), ...mergeTreeOptions(true)],
  SummingMergeTree: [PARAM('columns', { columnRef: 'columns' }), ...mergeTreeOptions(false)],
  AggregatingMergeTree: mergeTreeOptions(true),
  CollapsingMergeTree: [PARAM('sign', { required: true, columnRef: 'column' }), ...mergeTreeOptions(true)],
  VersionedCollapsingMergeTree: [
    PARAM('sign', { required: true, columnRef: 'column' }),
    PARAM('version', { required: true, columnRef: 'column' }),
    ...mergeTreeOptions(false),
  ],
  Join: [
    PARAM('join_strictness', { required: true, values: JOIN_STRICTNESS_VALUES }),
    PARAM('join_type', { required: true, values: JOIN_TYPE_VALUES }),
    PARAM('key_columns', { required: true, columnRef: 'columns' }),
  ],
  Null: [],
};

/** The union of all engine arg names, i.e. every valid `ENGINE_<ARG>` suffix (upper-case). */
export const ENGINE_ARG_NAMES: readonly string[] = [
  'VER',
  'IS_DELETED',
  'COLUMNS',
  'SIGN',
  'VERSION',
  'JOIN_STRICTNESS',
  'JOIN_TYPE',
  'KEY_COLUMNS',
  'PARTITION_KEY',
  'SORTING_KEY',
  'PRIMARY_KEY',
  'SAMPLING_KEY',
  'TTL',
  'SETTINGS',
];

// ---------------------------------------------------------------------------------------------
// Keywords (§1.1)

const DS: readonly DatafileKind[] = ['datasource', 'include'];
const PIPE: readonly DatafileKind[] = ['pipe', 'include'];
const DS_PIPE: readonly DatafileKind[] = ['datasource', 'pipe', 'include'];
const TOKEN_FILE: readonly DatafileKind[] = ['token'];
const ALL: readonly DatafileKind[] = ['datasource', 'pipe', 'include', 'token'];

const ENGINE_NAME_VALUES: readonly KeywordValue[] = ENGINES.map((e) => ({ value: e.name, description: e.description }));

const ENGINE_ARG_DOCS: Record<EngineArgName, { usage: string; description: string; snippet: string; values?: readonly KeywordValue[]; valuesClosed?: boolean }> = {
  ver: {
    usage: 'ENGINE_VER <column>',
    description: 'ReplacingMergeTree: version column; among duplicates the row with the highest value survives. Must be a schema column.',
    snippet: 'ENGINE_VER ${1:updated_at}',
  },
  is_deleted: {
    usage: 'ENGINE_IS_DELETED <column>',
    description: 'ReplacingMergeTree: UInt8 column marking a row as deleted (1) so merges drop it. Needs `ENGINE_VER`; must be a schema column.',
    snippet: 'ENGINE_IS_DELETED ${1:is_deleted}',
  },
  columns: {
    usage: 'ENGINE_COLUMNS <col1, col2, …>',
    description: 'SummingMergeTree: the numeric columns to sum when rows collapse. Each must exist in the schema.',
    snippet: 'ENGINE_COLUMNS ${1:value}',
  },
  sign: {
    usage: 'ENGINE_SIGN <column>',
    description: 'Collapsing / VersionedCollapsing MergeTree (required): Int8 column holding 1 for a state row and -1 for a cancel row.',
    snippet: 'ENGINE_SIGN ${1:sign}',
  },
  version: {
    usage: 'ENGINE_VERSION <column>',
    description: 'VersionedCollapsingMergeTree (required): column with the version of the object state.',
    snippet: 'ENGINE_VERSION ${1:version}',
  },
  join_strictness: {
    usage: 'ENGINE_JOIN_STRICTNESS ANY|ALL|SEMI|ANTI',
    description: 'Join engine (required): strictness of the prepared join.',
    snippet: 'ENGINE_JOIN_STRICTNESS ${1|ANY,ALL,SEMI,ANTI|}',
    values: JOIN_STRICTNESS_VALUES,
    valuesClosed: true,
  },
  join_type: {
    usage: 'ENGINE_JOIN_TYPE LEFT|INNER|RIGHT|FULL',
    description: 'Join engine (required): type of the prepared join.',
    snippet: 'ENGINE_JOIN_TYPE ${1|LEFT,INNER,RIGHT,FULL|}',
    values: JOIN_TYPE_VALUES,
    valuesClosed: true,
  },
  key_columns: {
    usage: 'ENGINE_KEY_COLUMNS <col1, col2, …>',
    description: 'Join engine (required): the join key columns. Each must exist in the schema.',
    snippet: 'ENGINE_KEY_COLUMNS ${1:id}',
  },
  partition_key: {
    usage: 'ENGINE_PARTITION_KEY <expr>',
    description: 'MergeTree family: `PARTITION BY` expression, e.g. `toYYYYMM(timestamp)`. Keep the number of partitions low.',
    snippet: 'ENGINE_PARTITION_KEY "${1:toYYYYMM(timestamp)}"',
  },
  sorting_key: {
    usage: 'ENGINE_SORTING_KEY <expr>',
    description: 'MergeTree family: `ORDER BY` columns, which also drive deduplication for Replacing/Aggregating/Collapsing engines (required there, and `tuple()` is rejected). Defaults to `tuple()` for MergeTree.',
    snippet: 'ENGINE_SORTING_KEY "${1:timestamp}"',
  },
  primary_key: {
    usage: 'ENGINE_PRIMARY_KEY <expr>',
    description: 'MergeTree family: `PRIMARY KEY`, a prefix of the sorting key. Defaults to the sorting key.',
    snippet: 'ENGINE_PRIMARY_KEY "${1:id}"',
  },
  sampling_key: {
    usage: 'ENGINE_SAMPLING_KEY <expr>',
    description: 'MergeTree family: `SAMPLE BY` expression; must be part of the primary key.',
    snippet: 'ENGINE_SAMPLING_KEY "${1:cityHash64(id)}"',
  },
  ttl: {
    usage: 'ENGINE_TTL <expr>',
    description: 'MergeTree family: table `TTL` list, e.g. `timestamp + INTERVAL 90 DAY` (optionally `DELETE`, `TO DISK …`).',
    snippet: 'ENGINE_TTL "${1:toDateTime(timestamp) + INTERVAL 90 DAY}"',
  },
  settings: {
    usage: 'ENGINE_SETTINGS <k = v, …>',
    description: 'MergeTree family: comma-separated table `SETTINGS`, e.g. `index_granularity = 8192`.',
    snippet: 'ENGINE_SETTINGS "${1:index_granularity = 8192}"',
  },
};

function engineArgKeyword(arg: EngineArgName): DatafileKeyword {
  const doc = ENGINE_ARG_DOCS[arg];
  return {
    name: `ENGINE_${arg.toUpperCase()}`,
    form: 'line',
    kinds: DS_PIPE,
    scope: 'node',
    nodeLevel: true,
    group: 'engine-arg',
    usage: doc.usage,
    description: doc.description + ' In a .pipe it is only allowed on a node with `DATASOURCE` / `TARGET_DATASOURCE`.',
    snippet: doc.snippet,
    engineArg: arg,
    ...(doc.values ? { values: doc.values, valuesClosed: doc.valuesClosed ?? false } : {}),
  };
}

function legacyEngineKeyword(name: string, clause: string): DatafileKeyword {
  return {
    name,
    form: 'line',
    kinds: DS,
    scope: 'node',
    nodeLevel: true,
    group: 'legacy-engine',
    usage: `${name} <expr>`,
    description: `Legacy spelling of \`ENGINE_${name}\` (${clause}). It is parsed into a plain node attribute, is not an engine argument and is dropped by \`tb fmt\`; use \`ENGINE_${name}\`.`,
    snippet: `ENGINE_${name} "\${1}"`,
    legacy: true,
  };
}

function nodeAttr(
  name: string,
  group: KeywordGroup,
  kinds: readonly DatafileKind[],
  usage: string,
  description: string,
  snippet: string,
  extra: Partial<DatafileKeyword> = {},
): DatafileKeyword {
  return { name, form: 'line', kinds, scope: 'node', nodeLevel: true, group, usage, description, snippet, ...extra };
}

const KAFKA_KINDS_STREAM: readonly DatafileKind[] = ['datasource', 'pipe', 'include'];

/**
 * Keywords of Tinybird Forward datafiles that classic tb does not know (reference §1.1 "Not supported by
 * classic"; https://www.tinybird.co/docs/forward/dev-reference/datafiles/datasource-files). Lower-case.
 */
export const FORWARD_ONLY_KEYWORDS: ReadonlySet<string> = new Set(['forward_query', 'backfill']);

export const DATAFILE_KEYWORDS: readonly DatafileKeyword[] = [
  // --- general -------------------------------------------------------------------------------
  {
    name: 'DESCRIPTION',
    form: 'line-or-block',
    kinds: ALL,
    scope: 'both',
    nodeLevel: true,
    group: 'general',
    usage: 'DESCRIPTION > (indented Markdown) | DESCRIPTION <text>',
    description:
      'Free Markdown documentation. Before the first `NODE` it documents the pipe, after a `NODE` it documents that node; in a data source it documents the data source. A one-line value keeps its quotes.',
    snippet: 'DESCRIPTION >\n    ${1:description}',
  },
  {
    name: 'TOKEN',
    form: 'line',
    kinds: ['datasource', 'pipe', 'include'],
    scope: 'document',
    nodeLevel: false,
    group: 'general',
    usage: 'TOKEN <name> <READ|APPEND>',
    description:
      'Creates (or reuses) a static token with the given permission on this resource at push. Needs two arguments; extra ones are ignored. Always resource-level, even after a `NODE`.',
    snippet: 'TOKEN "${1:read_token}" ${2|READ,APPEND|}',
    values: TOKEN_PERMISSIONS,
    valuesClosed: true,
  },
  {
    name: 'TAGS',
    form: 'line',
    kinds: ['datasource', 'pipe', 'include'],
    scope: 'both',
    nodeLevel: true,
    group: 'general',
    usage: 'TAGS "tag1, tag2, key=value"',
    description: 'Comma-separated tags. Plain entries become resource filtering tags; `key=value` entries are stored on the current node.',
    snippet: 'TAGS "${1:tag}"',
  },
  {
    name: 'INCLUDE',
    form: 'line',
    kinds: ['datasource', 'pipe', 'include'],
    scope: 'document',
    nodeLevel: false,
    group: 'general',
    usage: 'INCLUDE "path.incl" ["VAR=value" …]',
    description:
      'Textually replaces this line with the contents of an `.incl` file (path relative to this file), after substituting `$VAR` / `${VAR}` with the `VAR=value` arguments.',
    snippet: 'INCLUDE "${1:includes/file.incl}"',
  },
  {
    name: 'VERSION',
    form: 'line',
    kinds: ['datasource', 'pipe', 'include'],
    scope: 'document',
    nodeLevel: false,
    group: 'general',
    usage: 'VERSION <n>',
    description: 'Resource version, a non-negative integer; versioned resources are pushed as `name__vN`.',
    snippet: 'VERSION ${1:1}',
  },
  {
    name: 'SHARED_WITH',
    form: 'line-or-block',
    kinds: DS,
    scope: 'document',
    nodeLevel: false,
    group: 'general',
    usage: 'SHARED_WITH > (one workspace per line)',
    description: 'Workspaces this data source is shared with, one per line.',
    snippet: 'SHARED_WITH >\n    ${1:workspace_name}',
  },

  // --- datasource schema ----------------------------------------------------------------------
  {
    name: 'SCHEMA',
    form: 'block',
    kinds: DS,
    scope: 'node',
    nodeLevel: true,
    group: 'schema',
    usage: 'SCHEMA > (indented column definitions)',
    description:
      'Column definitions, comma-separated: `` `name` Type [`json:$.path`] [DEFAULT expr | MATERIALIZED expr] [CODEC(…)] ``. Used in data sources (and by materialized/copy targets defined inline).',
    snippet: 'SCHEMA >\n    `${1:timestamp}` ${2:DateTime} `json:$.${3:timestamp}`',
  },
  {
    name: 'INDEXES',
    form: 'block',
    kinds: DS,
    scope: 'node',
    nodeLevel: true,
    group: 'schema',
    usage: 'INDEXES > (one `name expr TYPE type GRANULARITY n` per line)',
    description: 'Data-skipping indexes, one per line: `name expr TYPE type[(args)] [GRANULARITY n]`. Allowed types: minmax, set, bloom_filter, ngrambf_v1, tokenbf_v1.',
    snippet: 'INDEXES >\n    ${1:idx_name} ${2:expr} TYPE ${3|bloom_filter,minmax,set,ngrambf_v1,tokenbf_v1|} GRANULARITY ${4:4}',
  },
  {
    name: 'INDICES',
    aliasOf: 'INDEXES',
    form: 'block',
    kinds: DS,
    scope: 'node',
    nodeLevel: true,
    group: 'schema',
    usage: 'INDICES > (same as INDEXES)',
    description: 'Alternative spelling of `INDEXES`.',
    snippet: 'INDEXES >\n    ${1:idx_name} ${2:expr} TYPE ${3|bloom_filter,minmax,set,ngrambf_v1,tokenbf_v1|} GRANULARITY ${4:4}',
  },
  {
    name: 'SETTINGS',
    form: 'block',
    kinds: DS_PIPE,
    scope: 'node',
    nodeLevel: true,
    group: 'schema',
    usage: 'SETTINGS > (indented settings)',
    description: 'Node settings block. Only the `>` block form exists: a one-line `SETTINGS …` is an error that points to `ENGINE_SETTINGS`.',
    snippet: 'SETTINGS >\n    ${1}',
  },

  // --- engine ---------------------------------------------------------------------------------
  {
    name: 'ENGINE',
    form: 'line',
    kinds: DS_PIPE,
    scope: 'node',
    nodeLevel: true,
    group: 'engine',
    usage: 'ENGINE <EngineName>',
    description:
      'Table engine of the data source (case-insensitive): MergeTree (default), ReplacingMergeTree, SummingMergeTree, AggregatingMergeTree, CollapsingMergeTree, VersionedCollapsingMergeTree, Join or Null. In a .pipe only with `DATASOURCE` / `TARGET_DATASOURCE`.',
    snippet: 'ENGINE "${1|MergeTree,ReplacingMergeTree,SummingMergeTree,AggregatingMergeTree,CollapsingMergeTree,VersionedCollapsingMergeTree,Join,Null|}"',
    values: ENGINE_NAME_VALUES,
    valuesClosed: true,
  },
  ...(ENGINE_ARG_NAMES.map((a) => engineArgKeyword(a.toLowerCase() as EngineArgName)) as DatafileKeyword[]),
  legacyEngineKeyword('PARTITION_KEY', 'PARTITION BY'),
  legacyEngineKeyword('SORTING_KEY', 'ORDER BY'),
  legacyEngineKeyword('PRIMARY_KEY', 'PRIMARY KEY'),
  legacyEngineKeyword('SAMPLING_KEY', 'SAMPLE BY'),
  legacyEngineKeyword('TTL', 'TTL'),

  // --- pipe nodes -----------------------------------------------------------------------------
  {
    name: 'NODE',
    form: 'line',
    kinds: PIPE,
    scope: 'node',
    nodeLevel: true,
    group: 'node',
    usage: 'NODE <name>',
    description: 'Starts a new node; every following keyword up to the next `NODE` belongs to it. The name is required and must differ from the pipe name.',
    snippet: 'NODE ${1:node_name}\nSQL >\n    ${2:SELECT 1}',
  },
  {
    name: 'SQL',
    form: 'block',
    kinds: PIPE,
    scope: 'node',
    nodeLevel: true,
    group: 'node',
    usage: 'SQL > (indented query)',
    description:
      'The node query. Must come after a `NODE`. Start it with a `%` line to enable the template language (`{{ … }}`, `{% … %}`).',
    snippet: 'SQL >\n    ${1:SELECT * FROM ${2:datasource}}',
  },
  nodeAttr('TYPE', 'node', PIPE, 'TYPE endpoint|materialized|copy|sink|stream', 'What the node publishes: an API endpoint, a materialized view, a copy job, a sink or a Kafka stream. Value is case-insensitive.', 'TYPE ${1|endpoint,materialized,copy,sink,stream|}', {
    values: PIPE_NODE_TYPES,
    valuesClosed: true,
  }),
  nodeAttr('DATASOURCE', 'materialized', PIPE, 'DATASOURCE <datasource>', 'Target data source of a materialized node (`TYPE materialized`).', 'DATASOURCE ${1:target_datasource}', {
    nodeTypes: ['materialized'],
  }),
  nodeAttr('TARGET_DATASOURCE', 'copy', PIPE, 'TARGET_DATASOURCE <datasource>', 'Destination data source of a copy node (`TYPE copy`); it must exist at push.', 'TARGET_DATASOURCE ${1:target_datasource}', {
    nodeTypes: ['copy'],
  }),
  nodeAttr('COPY_SCHEDULE', 'copy', PIPE, 'COPY_SCHEDULE <cron>|@on-demand', 'When the copy job runs: a cron expression (UTC) or `@on-demand`.', 'COPY_SCHEDULE ${1|@on-demand,0 * * * *|}', {
    nodeTypes: ['copy'],
    values: COPY_SCHEDULE_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('COPY_MODE', 'copy', PIPE, 'COPY_MODE append|replace', 'Whether each copy run appends to or replaces the target data source (case-insensitive).', 'COPY_MODE ${1|append,replace|}', {
    nodeTypes: ['copy'],
    values: COPY_MODES,
    valuesClosed: true,
  }),
  nodeAttr('MODE', 'copy', PIPE, 'MODE append|replace', 'Alternative spelling of `COPY_MODE`.', 'COPY_MODE ${1|append,replace|}', {
    aliasOf: 'COPY_MODE',
    nodeTypes: ['copy'],
    values: COPY_MODES,
    valuesClosed: true,
  }),

  // --- sink (EXPORT_*) ------------------------------------------------------------------------
  nodeAttr('EXPORT_SERVICE', 'sink', PIPE, 'EXPORT_SERVICE s3|s3_iamrole|gcs_hmac|kafka', 'Destination service of a sink node.', 'EXPORT_SERVICE ${1|s3,s3_iamrole,gcs_hmac,kafka|}', {
    nodeTypes: ['sink', 'stream'],
    values: EXPORT_SERVICES,
    valuesClosed: true,
  }),
  nodeAttr('EXPORT_CONNECTION_NAME', 'sink', PIPE, 'EXPORT_CONNECTION_NAME <connection>', 'Name of the workspace connection used by the sink.', 'EXPORT_CONNECTION_NAME "${1:connection_name}"', {
    nodeTypes: ['sink', 'stream'],
  }),
  nodeAttr('EXPORT_SCHEDULE', 'sink', PIPE, 'EXPORT_SCHEDULE <cron>|@on-demand', 'When the sink job runs: cron expression (UTC) or `@on-demand`.', 'EXPORT_SCHEDULE ${1|@on-demand,0 * * * *|}', {
    nodeTypes: ['sink'],
    values: COPY_SCHEDULE_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('EXPORT_BUCKET_URI', 'sink', PIPE, 'EXPORT_BUCKET_URI <uri>', 'Bucket URI (and optional prefix) the files are written to, e.g. `s3://bucket/path/`.', 'EXPORT_BUCKET_URI "${1:s3://bucket/prefix/}"', {
    nodeTypes: ['sink'],
  }),
  nodeAttr('EXPORT_FILE_TEMPLATE', 'sink', PIPE, 'EXPORT_FILE_TEMPLATE <template>', 'File name template; `{column}` or `{column, \'%Y\'}` placeholders split the output into several files.', 'EXPORT_FILE_TEMPLATE "${1:export_{date\\}}"', {
    nodeTypes: ['sink'],
  }),
  nodeAttr('EXPORT_FORMAT', 'sink', PIPE, 'EXPORT_FORMAT csv|ndjson|parquet', 'Output file format (default csv).', 'EXPORT_FORMAT ${1|csv,ndjson,parquet|}', {
    nodeTypes: ['sink'],
    values: EXPORT_FORMATS,
    valuesClosed: false,
  }),
  nodeAttr('EXPORT_STRATEGY', 'sink', PIPE, 'EXPORT_STRATEGY <strategy>', 'Export strategy sent to the API (default `@new`).', 'EXPORT_STRATEGY ${1:@new}', {
    nodeTypes: ['sink'],
    values: EXPORT_STRATEGIES,
    valuesClosed: false,
  }),
  nodeAttr('EXPORT_COMPRESSION', 'sink', PIPE, 'EXPORT_COMPRESSION <codec>', 'Compression applied to the exported files.', 'EXPORT_COMPRESSION ${1|none,gz,zstd|}', {
    nodeTypes: ['sink'],
    values: EXPORT_COMPRESSIONS,
    valuesClosed: false,
  }),
  nodeAttr('EXPORT_WRITE_STRATEGY', 'sink', PIPE, 'EXPORT_WRITE_STRATEGY new|truncate', 'Whether existing files with the same name are kept (new files are added) or overwritten.', 'EXPORT_WRITE_STRATEGY ${1|new,truncate|}', {
    nodeTypes: ['sink'],
    values: EXPORT_WRITE_STRATEGIES,
    valuesClosed: false,
  }),
  nodeAttr('EXPORT_KAFKA_TOPIC', 'sink', PIPE, 'EXPORT_KAFKA_TOPIC <topic>', 'Kafka topic a Kafka sink writes to.', 'EXPORT_KAFKA_TOPIC "${1:topic}"', {
    nodeTypes: ['sink', 'stream'],
  }),

  // --- Kafka ----------------------------------------------------------------------------------
  nodeAttr('KAFKA_CONNECTION_NAME', 'kafka', KAFKA_KINDS_STREAM, 'KAFKA_CONNECTION_NAME <name>', 'Name of the Kafka connection to consume from (or, on a stream node, to produce to). Created at push if missing and bootstrap servers, key and secret are given.', 'KAFKA_CONNECTION_NAME ${1:connection_name}', {
    nodeTypes: ['stream'],
  }),
  nodeAttr('KAFKA_TOPIC', 'kafka', KAFKA_KINDS_STREAM, 'KAFKA_TOPIC <topic>', 'Kafka topic to consume (data source) or produce to (stream node).', 'KAFKA_TOPIC ${1:topic}', { nodeTypes: ['stream'] }),
  nodeAttr('KAFKA_GROUP_ID', 'kafka', DS, 'KAFKA_GROUP_ID <group>', 'Consumer group id; use a unique one per data source and environment.', 'KAFKA_GROUP_ID ${1:group_id}'),
  nodeAttr('KAFKA_BOOTSTRAP_SERVERS', 'kafka', DS, 'KAFKA_BOOTSTRAP_SERVERS <host:port,…>', 'Comma-separated broker list, used to create the connection when it does not exist.', 'KAFKA_BOOTSTRAP_SERVERS ${1:host:9092}'),
  nodeAttr('KAFKA_KEY', 'kafka', DS, 'KAFKA_KEY <key>', 'SASL user / API key used to create the connection.', 'KAFKA_KEY ${1:key}'),
  nodeAttr('KAFKA_SECRET', 'kafka', DS, 'KAFKA_SECRET <secret>', 'SASL password / API secret used to create the connection. Prefer keeping it out of the repository (e.g. `$VAR` in an .incl).', 'KAFKA_SECRET ${1:secret}'),
  nodeAttr('KAFKA_SCHEMA_REGISTRY_URL', 'kafka', DS, 'KAFKA_SCHEMA_REGISTRY_URL <url>', 'Schema Registry URL (credentials may be embedded) for Avro decoding.', 'KAFKA_SCHEMA_REGISTRY_URL ${1:https://registry}'),
  nodeAttr('KAFKA_TARGET_PARTITIONS', 'kafka', DS, 'KAFKA_TARGET_PARTITIONS <spec>', 'Which topic partitions to consume.', 'KAFKA_TARGET_PARTITIONS ${1:auto}'),
  nodeAttr('KAFKA_AUTO_OFFSET_RESET', 'kafka', DS, 'KAFKA_AUTO_OFFSET_RESET latest|earliest', 'Where a new consumer group starts reading.', 'KAFKA_AUTO_OFFSET_RESET ${1|latest,earliest|}', {
    values: KAFKA_AUTO_OFFSET_RESET_VALUES,
    valuesClosed: true,
  }),
  nodeAttr('KAFKA_STORE_RAW_VALUE', 'kafka', DS, 'KAFKA_STORE_RAW_VALUE True|False', 'Also store the raw message in `__value`.', 'KAFKA_STORE_RAW_VALUE ${1|False,True|}', {
    values: BOOLEAN_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_STORE_HEADERS', 'kafka', DS, 'KAFKA_STORE_HEADERS True|False', 'Store message headers in `__headers`.', 'KAFKA_STORE_HEADERS ${1|False,True|}', {
    values: BOOLEAN_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_STORE_BINARY_HEADERS', 'kafka', DS, 'KAFKA_STORE_BINARY_HEADERS True|False', 'Store header values as binary rather than text.', 'KAFKA_STORE_BINARY_HEADERS ${1|False,True|}', {
    values: BOOLEAN_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_KEY_FORMAT', 'kafka', DS, 'KAFKA_KEY_FORMAT <format>', 'Decoding format of the message key (new in CLI 5.14.0).', 'KAFKA_KEY_FORMAT ${1|json_without_schema,json_with_schema,avro,string|}', {
    values: KAFKA_FORMATS,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_VALUE_FORMAT', 'kafka', DS, 'KAFKA_VALUE_FORMAT <format>', 'Decoding format of the message value (new in CLI 5.14.0).', 'KAFKA_VALUE_FORMAT ${1|json_without_schema,json_with_schema,avro,string|}', {
    values: KAFKA_FORMATS,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_KEY_AVRO_DESERIALIZATION', 'kafka', DS, 'KAFKA_KEY_AVRO_DESERIALIZATION True|False', 'Decode the message key with Avro via the schema registry.', 'KAFKA_KEY_AVRO_DESERIALIZATION ${1|False,True|}', {
    values: BOOLEAN_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('KAFKA_SSL_CA_PEM', 'kafka', DS, 'KAFKA_SSL_CA_PEM <pem>', 'CA certificate (PEM) used to verify the brokers.', 'KAFKA_SSL_CA_PEM ${1:pem}'),
  nodeAttr('KAFKA_SASL_MECHANISM', 'kafka', DS, 'KAFKA_SASL_MECHANISM <mechanism>', 'SASL mechanism used to authenticate to the brokers (default PLAIN).', 'KAFKA_SASL_MECHANISM ${1|PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER|}', {
    values: KAFKA_SASL_MECHANISMS,
    valuesClosed: false,
  }),

  // --- import connectors (IMPORT_*) -----------------------------------------------------------
  nodeAttr('IMPORT_SERVICE', 'import', DS, 'IMPORT_SERVICE bigquery|snowflake|s3|s3_iamrole|gcs|dynamodb', 'Connector that fills this data source.', 'IMPORT_SERVICE ${1|bigquery,snowflake,s3,s3_iamrole,gcs,dynamodb|}', {
    values: IMPORT_SERVICES,
    valuesClosed: true,
  }),
  nodeAttr('IMPORT_CONNECTION_NAME', 'import', DS, 'IMPORT_CONNECTION_NAME <connection>', 'Workspace connection used by the connector (required except for BigQuery).', 'IMPORT_CONNECTION_NAME ${1:connection_name}'),
  nodeAttr('IMPORT_SCHEDULE', 'import', DS, 'IMPORT_SCHEDULE <cron>|@auto|@on-demand', 'When the import runs: cron for BigQuery/Snowflake; `@auto` or `@on-demand` for S3/GCS.', 'IMPORT_SCHEDULE ${1|@auto,@on-demand|}', {
    values: IMPORT_SCHEDULE_VALUES,
    valuesClosed: false,
  }),
  nodeAttr('IMPORT_STRATEGY', 'import', DS, 'IMPORT_STRATEGY replace|append', 'How imported rows are written (sent as `mode`; default replace).', 'IMPORT_STRATEGY ${1|replace,append|}', {
    values: IMPORT_STRATEGIES,
    valuesClosed: false,
  }),
  nodeAttr('IMPORT_EXTERNAL_DATASOURCE', 'import', DS, 'IMPORT_EXTERNAL_DATASOURCE <table>', 'BigQuery/Snowflake: fully qualified source table to import.', 'IMPORT_EXTERNAL_DATASOURCE ${1:project.dataset.table}'),
  nodeAttr('IMPORT_BUCKET_URI', 'import', DS, 'IMPORT_BUCKET_URI <uri>', 'S3/GCS: bucket URI with optional glob of the files to ingest (required for those services).', 'IMPORT_BUCKET_URI ${1:s3://bucket/path/*.csv}'),
  nodeAttr('IMPORT_FROM_TIMESTAMP', 'import', DS, 'IMPORT_FROM_TIMESTAMP <ISO-8601>', 'S3/GCS: only ingest files modified after this ISO-8601 timestamp.', 'IMPORT_FROM_TIMESTAMP ${1:2024-01-01T00:00:00Z}'),
  nodeAttr('IMPORT_QUERY', 'import', DS, 'IMPORT_QUERY <sql>', 'BigQuery/Snowflake: custom extraction query instead of a whole table.', 'IMPORT_QUERY "${1:SELECT * FROM table}"'),
  nodeAttr('IMPORT_TABLE_ARN', 'import', DS, 'IMPORT_TABLE_ARN <arn>', 'DynamoDB (required): ARN of the table to replicate.', 'IMPORT_TABLE_ARN ${1:arn:aws:dynamodb:region:account:table/name}'),
  nodeAttr('IMPORT_EXPORT_BUCKET', 'import', DS, 'IMPORT_EXPORT_BUCKET <bucket>', 'DynamoDB (required): S3 bucket used for the initial table export.', 'IMPORT_EXPORT_BUCKET ${1:bucket}'),

  // --- .token files ---------------------------------------------------------------------------
  {
    name: 'SCOPE',
    form: 'line',
    kinds: TOKEN_FILE,
    scope: 'node',
    nodeLevel: true,
    group: 'token-file',
    usage: 'SCOPE <TYPE:PERM>',
    description: 'In a `.token` file: starts a scope entry (like `NODE` in a pipe), e.g. `PIPES:READ` or `DATASOURCES:APPEND`.',
    snippet: 'SCOPE ${1:PIPES:READ}',
  },
  nodeAttr('RESOURCE', 'token-file', TOKEN_FILE, 'RESOURCE <name>', 'In a `.token` file: the resource the current scope applies to.', 'RESOURCE ${1:resource_name}'),
  nodeAttr('FILTER', 'token-file', TOKEN_FILE, 'FILTER "<sql>"', 'In a `.token` file: SQL row filter applied to the scoped resource.', 'FILTER "${1:condition}"'),

  // --- legacy document keywords ---------------------------------------------------------------
  {
    name: 'SOURCE',
    form: 'line',
    kinds: DS_PIPE,
    scope: 'document',
    nodeLevel: false,
    group: 'legacy',
    usage: 'SOURCE <text>',
    description: 'Legacy metadata about where the data comes from. Still parsed and written back by `tb fmt`, but unused.',
    snippet: 'SOURCE ${1}',
    legacy: true,
  },
  {
    name: 'MAINTAINER',
    form: 'line',
    kinds: DS_PIPE,
    scope: 'document',
    nodeLevel: false,
    group: 'legacy',
    usage: 'MAINTAINER <name>',
    description: 'Legacy owner metadata. Still parsed and written back by `tb fmt`, but unused.',
    snippet: 'MAINTAINER ${1}',
    legacy: true,
  },
  {
    name: 'FROM',
    form: 'line',
    kinds: DS_PIPE,
    scope: 'document',
    nodeLevel: false,
    group: 'legacy',
    usage: 'FROM SCRATCH',
    description: 'Legacy `FROM SCRATCH` header. Note that an unindented `FROM` inside an SQL block never ends the block.',
    snippet: 'FROM SCRATCH',
    legacy: true,
  },
  {
    name: 'TEST',
    form: 'line',
    kinds: DS_PIPE,
    scope: 'document',
    nodeLevel: false,
    group: 'legacy',
    usage: 'TEST <args>',
    description: 'Accepted by the parser but only prints its arguments; has no effect.',
    snippet: 'TEST ${1}',
    legacy: true,
    inert: true,
  },
];

// ---------------------------------------------------------------------------------------------
// Lookups

/** Keywords by upper-case name. */
export const DATAFILE_KEYWORD_MAP: ReadonlyMap<string, DatafileKeyword> = new Map(DATAFILE_KEYWORDS.map((k) => [k.name, k]));

/** Case-insensitive keyword lookup (the parser lower-cases the first token). */
export function datafileKeyword(name: string): DatafileKeyword | undefined {
  return DATAFILE_KEYWORD_MAP.get(name.toUpperCase());
}

/** Keywords meaningful in a given file kind. */
export function keywordsForKind(kind: DatafileKind): readonly DatafileKeyword[] {
  return DATAFILE_KEYWORDS.filter((k) => k.kinds.includes(kind));
}

/** Case-insensitive engine lookup. */
export function engineSpec(name: string): EngineSpec | undefined {
  const n = name.replace(/^["']|["']$/g, '').toLowerCase();
  return ENGINES.find((e) => e.name.toLowerCase() === n);
}
