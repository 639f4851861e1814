// The snapshot lambda architecture (seeds/002): a datasource is multi-snapshot when it has a
// snapshot column and keeps several snapshots side by side, i.e. it is written by a scheduled
// append-mode COPY or by a materialized view. Readers of such a datasource must filter on the latest
// snapshot. Shared by hover and diagnostics so both agree.
import type { NodeFacts } from './facts';
import type { WorkspaceIndex } from './index';

export const DEFAULT_SNAPSHOT_COLUMNS: readonly string[] = ['snapshotId'];

/** Whether a writer node accumulates snapshots: a materialized view, or a scheduled append-mode copy. */
export function writesSnapshots(node: NodeFacts): boolean {
  if (node.type === 'materialized') return true;
  if (node.type !== 'copy') return false;
  const mode = (node.copyMode ?? 'append').toLowerCase();
  const schedule = node.copySchedule?.trim().toLowerCase();
  return mode === 'append' && !!schedule && schedule !== '@on-demand';
}

/** The snapshot column of a datasource, if it has one of `snapshotColumns`. */
export function snapshotColumn(index: WorkspaceIndex, name: string, snapshotColumns: readonly string[] = DEFAULT_SNAPSHOT_COLUMNS): string | undefined {
  const ds = index.datasource(name);
  if (!ds) return undefined;
  for (const node of ds.parsed.nodes) {
    const col = node.schema?.columns.find((c) => snapshotColumns.includes(c.name));
    if (col) return col.name;
  }
  return undefined;
}

export function isMultiSnapshot(index: WorkspaceIndex, name: string, snapshotColumns: readonly string[] = DEFAULT_SNAPSHOT_COLUMNS): boolean {
  if (!snapshotColumn(index, name, snapshotColumns)) return false;
  return index.writersOf(name).some((w) => writesSnapshots(w.node));
}
