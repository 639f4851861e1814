import { corpusIndex, fileOf } from './features/support';
import { columnPath } from '../server/features/columnPath';
import { pathToUri } from '../server/lsp/convert';
const ix = corpusIndex();
const ctx = { index: ix, uriOf: pathToUri };
for (const [ds, col] of [['activityRelations_enrich_snapshot_MV_ds', 'gitChangedLines'], ['activityRelations_enrich_snapshot_MV_ds', 'activityId'], ['activityRelations', 'organizationId']]) {
  const t = performance.now();
  const v = columnPath(ctx, fileOf(ix, ds), col)!;
  console.log(ds, col, (performance.now() - t).toFixed(0) + 'ms', v.nodes.length, 'nodes', v.edges.length, 'edges');
  const by = new Map<number, string[]>();
  for (const n of v.nodes) by.set(n.layer, [...(by.get(n.layer) ?? []), `${n.label ?? n.id} [${n.detail.slice(0, 50)}]`]);
  for (const l of [...by.keys()].sort((a, b) => a - b)) console.log(' ', l, by.get(l)!.slice(0, 6).join(' | '), by.get(l)!.length > 6 ? `…+${by.get(l)!.length - 6}` : '');
  console.log('  stops', v.stops.slice(0, 4));
}
