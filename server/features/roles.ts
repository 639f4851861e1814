// What a resource is in the data flow, shared by hover, code lenses and the lineage view: a datasource
// is raw (nothing writes it), a materialized-view target and/or a copy target, maybe multi-snapshot;
// a pipe is an endpoint or the kinds of its non-standard nodes.
import type { FileFacts } from '../workspace/facts';
import { nodesOf, publishedNode } from '../semantic/model';
import type { WorkspaceIndex } from '../workspace/index';
import { snapshotRole, type SnapshotOptions } from '../workspace/snapshots';

export interface DatasourceRoles {
  raw: boolean;
  materialized: boolean;
  copy: boolean;
  multiSnapshot: boolean;
  snapshotColumn?: string;
}

/** `options`: the project's (FeatureContext.options), so the roles agree with its snapshot-filter diagnostics. */
export function datasourceRoles(index: WorkspaceIndex, name: string, options?: SnapshotOptions): DatasourceRoles {
  const writers = index.writersOf(name);
  const snapshot = snapshotRole(index, name, options);
  return {
    raw: !writers.length,
    materialized: writers.some((w) => w.node.type === 'materialized'),
    copy: writers.some((w) => w.node.type === 'copy'),
    multiSnapshot: snapshot.multi,
    snapshotColumn: snapshot.column,
  };
}

/** `raw`, `MV target`, `copy target`, `multi-snapshot`, joined by ` · `. */
export function datasourceSummary(roles: DatasourceRoles): string {
  const parts: string[] = [];
  if (roles.raw) parts.push('raw');
  if (roles.materialized) parts.push('MV target');
  if (roles.copy) parts.push('copy target');
  if (roles.multiSnapshot) parts.push('multi-snapshot');
  return parts.join(' · ');
}

/** `endpoint`, or the non-standard node types (`materialized`, `copy`, …), or `pipe`. */
export function pipeKind(index: WorkspaceIndex, file: FileFacts): string {
  if (publishedNode(index, file)) return 'endpoint';
  const types = [...new Set(nodesOf(index, file).map(({ node }) => node.type).filter((t) => t !== 'standard'))];
  return types.join(', ') || 'pipe';
}
