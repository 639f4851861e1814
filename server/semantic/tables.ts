// Tables Tinybird creates without a .datasource file of their own, and the columns it adds to
// datasources: a materialized node's inline target, every datasource's quarantine table, and
// the metadata columns of Kafka and import datasources.
import { IMPORT_COLUMNS, KAFKA_METADATA_COLUMNS, QUARANTINE_COLUMNS, QUARANTINE_SUFFIX, type CatalogColumn } from '../catalog/tinybird';
import { selectOutputs } from './columns';
import { columnsIn, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export interface ImplicitTable {
  kind: 'materialized-target' | 'quarantine';
  /** The file that makes the table exist: the pipe of the materialized node, or the datasource. */
  origin: FileFacts;
  /** Known columns; undefined when they cannot be known statically (SELECT *, templated list). */
  columns?: CatalogColumn[];
}

/** A materialized node that creates its DATASOURCE itself (ENGINE in the node). */
export function definesTarget(node: NodeFacts): boolean {
  return node.type === 'materialized' && !!node.target && !!node.node.engine;
}

/** The table of that name Tinybird creates without a datasource file, if any. */
export function implicitTable(index: WorkspaceIndex, name: string): ImplicitTable | undefined {
  const writer = index.writersOf(name).find((w) => definesTarget(w.node));
  if (writer) {
    const outputs = writer.node.analysis && selectOutputs(writer.node.analysis.tokens);
    const columns = outputs?.every((o) => o.name) ? outputs.map((o) => ({ name: o.name!, type: '' })) : undefined;
    return { kind: 'materialized-target', origin: writer.file, columns };
  }
  if (name.endsWith(QUARANTINE_SUFFIX)) {
    const ds = index.datasource(name.slice(0, -QUARANTINE_SUFFIX.length));
    if (ds) return { kind: 'quarantine', origin: ds, columns: [...QUARANTINE_COLUMNS, ...Array.from(columnsIn(ds).keys(), (name) => ({ name, type: 'Nullable(String)' }))] };
  }
  return undefined;
}

/** Columns Tinybird adds to a datasource besides its SCHEMA (Kafka metadata, import date). */
export function addedColumns(ds: FileFacts): CatalogColumn[] {
  if (ds.role !== 'datasource') return [];
  const settings = ds.parsed.commands.map((c) => c.name);
  const added: CatalogColumn[] = [];
  if (settings.some((s) => s.startsWith('kafka_'))) added.push(...KAFKA_METADATA_COLUMNS);
  if (settings.includes('import_service') || settings.includes('import_connection_name')) added.push(...IMPORT_COLUMNS);
  return added;
}
