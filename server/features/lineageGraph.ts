// The lineage graph of a resource for the "Show Lineage" view: resources up to a depth upstream and
// another downstream ('all': the whole lineage), each in the layer of its distance, with the edges
// between them.
import type { LineageDepth, LineageGraphEdge, LineageGraphNode, LineageGraphView } from '../protocol';
import type { FileFacts } from '../workspace/facts';
import { downstreamOf, walk } from '../workspace/lineage';
import type { FeatureContext } from './context';
import { datasourceRoles, datasourceSummary, pipeKind } from './roles';

export const DEFAULT_LINEAGE_DEPTH = 2;

const steps = (depth: LineageDepth) => (depth === 'all' ? Number.MAX_SAFE_INTEGER : Math.max(1, Math.floor(depth)));

export function lineageGraph(
  ctx: FeatureContext,
  file: FileFacts,
  upstream: LineageDepth = DEFAULT_LINEAGE_DEPTH,
  downstream: LineageDepth = DEFAULT_LINEAGE_DEPTH,
): LineageGraphView | null {
  if (file.role === 'include') return null;
  const { index } = ctx;
  const layers = new Map<string, number>([[file.name, 0]]);
  const up = walk(index, file.name, 'up', steps(upstream));
  const down = walk(index, file.name, 'down', steps(downstream));
  for (const level of up.levels) for (const n of level.names) if (!layers.has(n)) layers.set(n, -level.depth);
  for (const level of down.levels) for (const n of level.names) if (!layers.has(n)) layers.set(n, level.depth);
  const nodes: LineageGraphNode[] = [];
  const edges: LineageGraphEdge[] = [];
  for (const [name, layer] of layers) {
    const def = index.resolve(name);
    if (!def || def.role === 'include') continue;
    nodes.push({ id: name, kind: def.role, uri: ctx.uriOf(def.path), layer, detail: detailOf(ctx, def) });
    for (const to of downstreamOf(index, name)) if (layers.has(to)) edges.push({ from: name, to });
  }
  return { root: file.name, nodes, edges, cut: { upstream: up.cut, downstream: down.cut }, depth: { upstream, downstream } };
}

export function detailOf(ctx: FeatureContext, file: FileFacts): string {
  return file.role === 'pipe' ? pipeKind(ctx.index, file) : datasourceSummary(datasourceRoles(ctx.index, file.name, ctx.options));
}
