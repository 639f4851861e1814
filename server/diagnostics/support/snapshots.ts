// Multi-snapshot datasources (the seeds' lambda architecture): a SCHEMA with the snapshot column,
// written by a scheduled append-mode COPY or by a MATERIALIZED node, or listed in the options.
// Memoised per index version, since every reader of a datasource asks.
import type { WorkspaceIndex } from '../../workspace/index';
import type { RuleOptions } from '../config';

interface Memo {
  version: number;
  options: RuleOptions;
  columns: Map<string, string | undefined>;
}

const memos = new WeakMap<WorkspaceIndex, Memo>();

/** The snapshot column of `name` when it holds several snapshots; undefined otherwise. */
export function multiSnapshotColumn(index: WorkspaceIndex, name: string, options: RuleOptions): string | undefined {
  let memo = memos.get(index);
  if (!memo || memo.version !== index.version || memo.options !== options) {
    memo = { version: index.version, options, columns: new Map() };
    memos.set(index, memo);
  }
  if (!memo.columns.has(name)) memo.columns.set(name, compute(index, name, options));
  return memo.columns.get(name);
}

function compute(index: WorkspaceIndex, name: string, options: RuleOptions): string | undefined {
  const ds = index.datasource(name);
  if (!ds) return undefined;
  const columns = ds.parsed.nodes[0]?.schema?.columns ?? [];
  const column = options.snapshotColumns.find((c) => columns.some((col) => col.name === c));
  if (options.multiSnapshotDatasources.has(name)) return column ?? options.snapshotColumns[0];
  if (!column) return undefined;
  const accumulates = index.writersOf(name).some(({ node }) => {
    if (node.type === 'materialized') return true;
    if (node.type !== 'copy') return false;
    const mode = (node.copyMode ?? 'append').toLowerCase();
    const schedule = node.copySchedule?.trim().toLowerCase();
    return mode === 'append' && !!schedule && schedule !== '@on-demand';
  });
  return accumulates ? column : undefined;
}
