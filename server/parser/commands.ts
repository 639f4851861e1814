// tb 5.14.0's command table: what each datafile keyword does when parsed.
import { ENGINE_ARG_NAMES } from '../catalog/keywords';

/** How the parser handles a keyword (mirrors the handler families of tb's `cmds`). */
export type CommandKind =
  | 'doc-single' // FROM, MAINTAINER: one argument stored on the document
  | 'source'
  | 'schema'
  | 'indexes'
  | 'engine'
  | 'engine-arg'
  | 'node-attr' // stored on the current node; works before any NODE only in datasources (hidden node)
  | 'node-only-attr' // TYPE, DATASOURCE, …: "X must be called after a NODE command"
  | 'settings'
  | 'node'
  | 'description'
  | 'tags'
  | 'token'
  | 'test'
  | 'include'
  | 'sql'
  | 'version'
  | 'shared-with';

const KAFKA_KEYS = [
  'connection_name', 'topic', 'group_id', 'bootstrap_servers', 'key', 'secret', 'schema_registry_url',
  'target_partitions', 'auto_offset_reset', 'store_raw_value', 'store_headers', 'store_binary_headers',
  'key_format', 'value_format', 'key_avro_deserialization', 'ssl_ca_pem', 'sasl_mechanism',
].map((k) => `kafka_${k}`);

const IMPORT_KEYS = [
  'service', 'connection_name', 'schedule', 'strategy', 'external_datasource', 'bucket_uri', 'from_timestamp',
  'query', 'table_arn', 'export_bucket',
].map((k) => `import_${k}`);

const EXPORT_KEYS = [
  'service', 'connection_name', 'schedule', 'bucket_uri', 'file_template', 'format', 'strategy', 'compression',
  'write_strategy', 'kafka_topic',
].map((k) => `export_${k}`);

/** Node attribute key under which tb stores a `node-only-attr` keyword (COPY_MODE and MODE share `mode`). */
export const NODE_ATTR_KEY: Record<string, string> = {
  type: 'type',
  datasource: 'datasource',
  target_datasource: 'target_datasource',
  copy_schedule: 'copy_schedule',
  copy_mode: 'mode',
  mode: 'mode',
  resource: 'resource',
  filter: 'filter',
};

function buildTable(): Map<string, CommandKind> {
  const table = new Map<string, CommandKind>([
    ['from', 'doc-single'],
    ['source', 'source'],
    ['maintainer', 'doc-single'],
    ['schema', 'schema'],
    ['indexes', 'indexes'],
    ['indices', 'indexes'],
    ['engine', 'engine'],
    ['partition_key', 'node-attr'],
    ['sorting_key', 'node-attr'],
    ['primary_key', 'node-attr'],
    ['sampling_key', 'node-attr'],
    ['ttl', 'node-attr'],
    ['settings', 'settings'],
    ['node', 'node'],
    ['scope', 'node'],
    ['description', 'description'],
    ['tags', 'tags'],
    ['token', 'token'],
    ['test', 'test'],
    ['include', 'include'],
    ['sql', 'sql'],
    ['version', 'version'],
    ['shared_with', 'shared-with'],
  ]);
  for (const key of Object.keys(NODE_ATTR_KEY)) table.set(key, 'node-only-attr');
  for (const key of [...KAFKA_KEYS, ...IMPORT_KEYS, ...EXPORT_KEYS]) table.set(key, 'node-attr');
  for (const arg of ENGINE_ARG_NAMES) table.set(`engine_${arg.toLowerCase()}`, 'engine-arg');
  return table;
}

export const COMMANDS: ReadonlyMap<string, CommandKind> = buildTable();
