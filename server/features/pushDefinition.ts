// A datafile as `tb push` sends it (reference §6.2 for datasources, §6.3 for pipes), built from the
// parsed file so the client never parses.
import type { DatafileNode, EngineDecl } from '../parser/ast';
import { renderIndex } from '../parser/indexes';
import { positionAt } from '../parser/lines';
import { renderColumn } from '../parser/schema';
import type { EngineDefinition, PipeNodeDefinition, PushDefinition, TokenGrant } from '../protocol';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export class UnpushableFile extends Error {}

/** §2.5: datafile import settings and the API parameters they become. */
const IMPORT_PARAMS: Record<string, string> = {
  import_service: 'service',
  import_strategy: 'mode',
  import_connection_name: 'connection',
  import_schedule: 'cron',
  import_query: 'query',
  import_external_datasource: 'external_data_source',
  import_bucket_uri: 'bucket_uri',
  import_from_timestamp: 'from_time',
  import_table_arn: 'dynamodb_table_arn',
  import_export_bucket: 'dynamodb_export_bucket',
};

/** §3: sink/stream node settings and their API parameters, with tb's defaults. */
const EXPORT_PARAMS: Record<string, string> = {
  export_service: 'service',
  export_connection_name: 'connection',
  export_schedule: 'schedule_cron',
  export_bucket_uri: 'path',
  export_file_template: 'file_template',
  export_format: 'format',
  export_compression: 'compression',
  export_write_strategy: 'write_strategy',
  export_strategy: 'strategy',
  export_kafka_topic: 'kafka_topic',
};

export function pushDefinition(index: WorkspaceIndex, file: FileFacts): PushDefinition {
  const errors = file.parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const first = errors[0];
    const line = positionAt(file.parsed.lineStarts, first.start).line + 1;
    throw new UnpushableFile(`${file.path}:${line}: ${first.message}`);
  }
  if (file.role === 'include') throw new UnpushableFile(`${file.path}: .incl files are pushed as part of the files that include them`);
  const version = file.parsed.version?.value;
  const name = version !== undefined ? `${file.name}__v${version}` : file.name;
  const description = file.parsed.description?.value ?? '';
  const tokens: TokenGrant[] = file.parsed.tokens.map((t) => ({ name: t.name, permission: t.permission.toUpperCase() === 'APPEND' ? 'APPEND' : 'READ' }));
  if (file.role === 'datasource') {
    const node = file.parsed.nodes[0];
    const columns = node.schema?.columns ?? [];
    const ttl = node.engine?.args.find((a) => a.name === 'ttl')?.value;
    return {
      kind: 'datasource',
      name,
      description,
      schema: columns.map(renderColumn).join(','),
      indexes: (node.indexes?.indexes ?? []).map((i) => `INDEX ${renderIndex(i).trimEnd()}`).join('\n'),
      format: columns.some((c) => c.jsonPath) ? 'ndjson' : 'csv',
      engine: engineDefinition(node.engine),
      ...(ttl !== undefined ? { ttl } : {}),
      connector: connectorParams(node),
      tags: Object.fromEntries(node.kvTags.map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)])),
      tokens,
    };
  }
  const nodes = index.nodesOf(file).map(({ node }): PipeNodeDefinition => {
    const def: PipeNodeDefinition = { name: node.name, sql: node.node.sql?.text ?? '', type: node.type };
    if (node.node.description) def.description = node.node.description.value;
    if (node.type === 'materialized' && node.target) {
      def.datasource = node.target.name;
      const engine = engineDefinition(node.node.engine);
      if (engine) def.engine = engine;
    }
    if (node.type === 'copy') {
      if (node.target) def.targetDatasource = node.target.name;
      const schedule = node.copySchedule;
      def.copySchedule = !schedule || schedule.toLowerCase() === '@on-demand' ? '@on-demand' : schedule;
      const mode = node.copyMode?.toLowerCase();
      if (mode === 'append' || mode === 'replace') def.copyMode = mode;
    }
    return def;
  });
  const exportNode = index.nodesOf(file).find(({ node }) => node.type === 'sink' || node.type === 'stream')?.node.node;
  return { kind: 'pipe', name, description, nodes, exportParams: exportNode ? exportParams(exportNode) : {}, tokens };
}

function engineDefinition(engine: EngineDecl | undefined): EngineDefinition | undefined {
  if (!engine || (!engine.type && !engine.args.length)) return undefined;
  return { type: engine.type?.value ?? 'MergeTree', args: Object.fromEntries(engine.args.map((a) => [a.name, a.value])) };
}

function connectorParams(node: DatafileNode): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, ref] of node.attrs) {
    if (key.startsWith('kafka_')) params[key] = ref.value;
    else if (key in IMPORT_PARAMS) params[IMPORT_PARAMS[key]] = key === 'import_schedule' && ref.value === '@on-demand' ? '@once' : ref.value;
  }
  return params;
}

function exportParams(node: DatafileNode): Record<string, string> {
  const params: Record<string, string> = { format: 'csv', strategy: '@new' };
  for (const [key, ref] of node.attrs) if (key in EXPORT_PARAMS && ref.value) params[EXPORT_PARAMS[key]] = ref.value;
  return params;
}
