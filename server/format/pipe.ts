// `.pipe` and node `.incl` output (tb 5.14.0 `format_pipe`, `format_node`, `format_node_type`).
import type { Datafile, DatafileNode } from '../parser/ast';
import type { FormatContext } from './context';
import { includeAnchors, includedNodeNames } from './includes';
import { formatNodeSql } from './nodeSql';
import { pyStrip } from './pyText';
import { safeSubstitute } from '../workspace/substitute';
import { refuse } from './refusal';
import { formatDescription, formatEngine, formatHead } from './sections';

const ON_DEMAND = '@on-demand';
const EXPORT_SERVICES = ['gcs_hmac', 's3', 's3_iamrole', 'kafka'];

/** Sink settings in output order, with the default tb writes when the setting is absent. */
const SINK_SETTINGS: [key: string, fallback?: string][] = [
  ['export_service'],
  ['export_connection_name'],
  ['export_schedule', ''],
  ['export_bucket_uri'],
  ['export_file_template'],
  ['export_format', 'csv'],
  ['export_compression'],
  ['export_write_strategy'],
  ['export_strategy', '@new'],
  ['export_kafka_topic'],
];
const STREAM_SETTINGS = ['kafka_connection_name', 'kafka_topic'];

interface NamedNode {
  node: DatafileNode;
  /** The name as tb stores it: unquoted and expanded from the environment. */
  name: string;
}

export function formatPipe(doc: Datafile, ctx: FormatContext): string {
  const includes = includeAnchors(doc);
  let nodes: NamedNode[] = doc.nodes.map((node) => ({ node, name: safeSubstitute(node.name, ctx.env) }));
  for (const key of includes.keys()) {
    if (!key.includes('.incl')) continue;
    for (const included of includedNodeNames(key, ctx)) {
      const clash = nodes.findIndex((n) => n.name === included);
      if (clash >= 0) nodes = nodes.filter((_, i) => i !== clash);
    }
  }
  let out = formatHead(doc);
  for (const node of nodes) out += formatNode(node, includes, ctx);
  for (const key of includes.keys()) {
    if (key.includes('.incl')) out += `INCLUDE ${key}\n\n`;
  }
  return out;
}

function formatNode({ node, name }: NamedNode, includes: Map<string, string>, ctx: FormatContext): string {
  let out = '';
  for (const [key, anchor] of [...includes]) {
    if (!anchor.includes(name)) continue;
    out += `INCLUDE ${key}\n\n`;
    includes.delete(key);
  }
  const stripped = pyStrip(name);
  // tb skips a node whose name appears in a pending include's arguments.
  if ([...includes.keys()].some((key) => key.includes(stripped))) return out;
  if (!node.sql) refuse(`node ${stripped} must have a SQL query`);
  out += `NODE ${stripped}\n`;
  out += formatDescription(node.description?.value);
  out += `SQL >\n${formatNodeSql(node.sql, ctx.env, ctx.lineLength, ctx.keepUnformattableTemplates, ctx.memo)}\n\n`;
  return out + formatNodeType(node, stripped);
}

function formatNodeType(node: DatafileNode, name: string): string {
  const attr = (key: string): string | undefined => node.attrs.get(key)?.value;
  const type = (attr('type') ?? '').toLowerCase();
  // tb reads these with `node[key]`: a missing one is a KeyError.
  const required = (key: string): string => attr(key) ?? refuse(`node ${name} of TYPE ${type} needs ${key.toUpperCase()}`);
  let out = '';
  if (type === 'materialized') {
    out += `TYPE MATERIALIZED\nDATASOURCE ${required('datasource')}\n${formatEngine(node.engine)}`;
  }
  if (type === 'copy') {
    out += `TYPE COPY\nTARGET_DATASOURCE ${required('target_datasource')}`;
    const mode = attr('mode');
    if (mode) out += `\nCOPY_MODE ${mode}`;
    const schedule = attr('copy_schedule');
    out += `\nCOPY_SCHEDULE ${schedule && schedule.toLowerCase() !== ON_DEMAND ? schedule : ON_DEMAND}\n`;
  }
  return out + formatExport(node, type);
}

/** Sink and stream nodes; tb validates the export service of every node. */
function formatExport(node: DatafileNode, type: string): string {
  const attr = (key: string): string | undefined => node.attrs.get(key)?.value;
  const service = type === 'stream' ? 'kafka' : (attr('export_service') ?? '').toLowerCase();
  if (!service) return '';
  if (!EXPORT_SERVICES.includes(service)) refuse(`Invalid export service: ${service}`);
  if (type !== 'sink' && type !== 'stream') refuse(`Invalid export node type: ${type}`);
  let out = `TYPE ${type.toUpperCase()}\n`;
  if (type === 'stream') {
    for (const key of STREAM_SETTINGS) {
      const value = attr(key);
      if (value) out += `${key.toUpperCase()} ${value}\n`;
    }
    return out;
  }
  for (const [key, fallback] of SINK_SETTINGS) {
    let value = attr(key) ?? fallback;
    if (key === 'export_schedule' && (!value || value === ON_DEMAND)) value = ON_DEMAND;
    if (value) out += `${key.toUpperCase()} ${value}\n`;
  }
  return out;
}
