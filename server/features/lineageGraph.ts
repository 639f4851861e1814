// The lineage graph of a resource for the "Show Lineage" view: resources up to `depth` steps
// upstream and downstream, each in the layer of its distance, with the edges between them.
import type { LineageGraphEdge, LineageGraphNode, LineageGraphView } from '../protocol';
import type { FileFacts } from '../workspace/facts';
import { downstreamOf, walk } from '../workspace/lineage';
import type { FeatureContext } from './context';
import { datasourceRoles, datasourceSummary, pipeKind } from './roles';

const DEFAULT_LINEAGE_DEPTH = 3;

export function lineageGraph(ctx: FeatureContext, file: FileFacts, depth = DEFAULT_LINEAGE_DEPTH): LineageGraphView | null {
  if (file.role === 'include') return null;
  const { index } = ctx;
  const layers = new Map<string, number>([[file.name, 0]]);
  const up = walk(index, file.name, 'up', depth);
  const down = walk(index, file.name, 'down', depth);
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
  return { root: file.name, nodes, edges, cut: { upstream: up.cut, downstream: down.cut }, depth };
}

function detailOf(ctx: FeatureContext, file: FileFacts): string {
  return file.role === 'pipe' ? pipeKind(ctx.index, file) : datasourceSummary(datasourceRoles(ctx.index, file.name, ctx.options));
}
