// The snapshot lambda architecture (seeds/002): a datasource is multi-snapshot when it has a
// snapshot column and keeps several snapshots side by side, i.e. it is written by a scheduled
// append-mode COPY or by a materialized view, or when the project's options list it. Readers of such
// a datasource must filter on the latest snapshot. The one source of this fact: the snapshot-filter
// rule, hover, code lenses and the lineage view all read `snapshotRole`.
import { columnsIn, type NodeFacts } from './facts';
import type { WorkspaceIndex } from './index';

export const DEFAULT_SNAPSHOT_COLUMNS: readonly string[] = ['snapshotId'];

/** The project options the role depends on (tinybird-lint.json `snapshotColumns`, `multiSnapshotDatasources`). */
export interface SnapshotOptions {
  readonly snapshotColumns: readonly string[];
  readonly multiSnapshotDatasources: ReadonlySet<string>;
}

export const DEFAULT_SNAPSHOT_OPTIONS: SnapshotOptions = { snapshotColumns: DEFAULT_SNAPSHOT_COLUMNS, multiSnapshotDatasources: new Set() };

export interface SnapshotRole {
  /** The datasource's snapshot column (for a listed datasource without one: the first option column). */
  column?: string;
  /** Whether it holds several snapshots at once. */
  multi: boolean;
}

/** Whether a writer node accumulates snapshots: a materialized view, or a scheduled append-mode copy. */
export function writesSnapshots(node: NodeFacts): boolean {
  if (node.type === 'materialized') return true;
  if (node.type !== 'copy') return false;
  const mode = (node.copyMode ?? 'append').toLowerCase();
  const schedule = node.copySchedule?.trim().toLowerCase();
  return mode === 'append' && !!schedule && schedule !== '@on-demand';
}

/** A query per datasource and options object (every reader of a datasource asks): kept until its definition or writers change. */
export function snapshotRole(index: WorkspaceIndex, name: string, options: SnapshotOptions = DEFAULT_SNAPSHOT_OPTIONS): SnapshotRole {
  return index.queries.memo('snapshotRole', name, options, () => computeRole(index, name, options));
}

function computeRole(index: WorkspaceIndex, name: string, options: SnapshotOptions): SnapshotRole {
  const ds = index.datasource(name);
  if (!ds) return { multi: false };
  const columns = columnsIn(ds);
  const column = options.snapshotColumns.find((c) => columns.has(c));
  if (options.multiSnapshotDatasources.has(name)) return { column: column ?? options.snapshotColumns[0], multi: true };
  if (!column) return { multi: false };
  return { column, multi: index.writersOf(name).some((w) => writesSnapshots(w.node)) };
}

/** The snapshot column of `name` when it holds several snapshots; undefined otherwise. */
export function multiSnapshotColumn(index: WorkspaceIndex, name: string, options?: SnapshotOptions): string | undefined {
  const role = snapshotRole(index, name, options);
  return role.multi ? role.column : undefined;
}
