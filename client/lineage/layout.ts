// Layered left-to-right layout of a lineage graph: one column per distance from the root (upstream on
// the left), nodes ordered by the position of their neighbours towards the root to limit crossings.
// A column with more than `maxPerLayer` resources shows the best connected ones and a "+N more" box
// until it is expanded. Pure: the webview only draws what this returns.
import type { LineageGraphEdge, LineageGraphNode, LineageGraphView } from '../../server/protocol';

const BOX_WIDTH = 240;
const BOX_HEIGHT = 40;
const GAP_X = 90;
const GAP_Y = 14;
const MARGIN = 20;
/** Characters of a name that fit in a box. */
const LABEL_CHARS = 32;

/** `activityRelations_deduplicated_cleaned_bucket_3` → `activityRelat…d_cleaned_bucket_3`: the tail (a bit over half) and the head kept. */
export function elideMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.ceil((max - 1) * 0.55);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

export interface LayoutBox {
  id: string;
  label: string;
  /** The label as it fits in the box: elided in the middle, so the distinguishing suffix stays visible. */
  shortLabel: string;
  detail: string;
  kind: LineageGraphNode['kind'] | 'more';
  uri?: string;
  line?: number;
  /** Why the trace stops here (column paths). */
  stop?: string;
  layer: number;
  x: number;
  y: number;
  root: boolean;
  /** For a "+N more" box: how many resources it stands for, and their labels (the search looks in them). */
  hidden?: number;
  hiddenLabels?: string[];
}

export interface LayoutEdge {
  from: string;
  to: string;
  /** SVG path data. */
  d: string;
}

export interface Layout {
  boxes: LayoutBox[];
  edges: LayoutEdge[];
  width: number;
  height: number;
  /** Lines such as "12 more upstream beyond depth 3", or where a column's trace stops. */
  notes: string[];
}

/** What the layout draws: a resource's lineage or a column's path. */
export interface LineageGraph {
  root: string;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
}

/** The notes of a resource's lineage: what lies beyond each depth. */
export function cutNotes(view: LineageGraphView): string[] {
  const notes: string[] = [];
  if (view.cut.upstream) notes.push(`${view.cut.upstream} more upstream beyond depth ${view.depth.upstream}`);
  if (view.cut.downstream) notes.push(`${view.cut.downstream} more downstream beyond depth ${view.depth.downstream}`);
  return notes;
}

export const moreId = (layer: number) => `more:${layer}`;

export function layoutLineage(view: LineageGraph, expanded: ReadonlySet<number>, notes: string[] = [], maxPerLayer = 12): Layout {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const e of view.edges) link(e.from, e.to), link(e.to, e.from);
  const degree = (id: string) => neighbours.get(id)?.size ?? 0;

  const byLayer = new Map<number, typeof view.nodes>();
  for (const n of view.nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n]);
  const layers = [...byLayer.keys()].sort((a, b) => a - b);

  // Which box stands for each resource: itself, or its column's "+N more".
  const shownAs = new Map<string, string>();
  const order = new Map<string, number>();
  const columns = new Map<number, LayoutBox[]>();
  const outward = [...layers.filter((l) => l >= 0), ...layers.filter((l) => l < 0).reverse()];
  for (const layer of outward) {
    const nodes = byLayer.get(layer)!;
    const collapse = nodes.length > maxPerLayer && !expanded.has(layer);
    const ranked = [...nodes].sort((a, b) => degree(b.id) - degree(a.id) || a.id.localeCompare(b.id));
    const visible = collapse ? ranked.slice(0, maxPerLayer - 1) : ranked;
    const barycenter = (id: string) => {
      const positions = [...(neighbours.get(id) ?? [])].map((n) => order.get(shownAs.get(n) ?? '')).filter((p): p is number => p !== undefined);
      return positions.length ? positions.reduce((a, b) => a + b, 0) / positions.length : Number.MAX_SAFE_INTEGER;
    };
    const weights = new Map(visible.map((n) => [n.id, layer === 0 ? 0 : barycenter(n.id)]));
    visible.sort((a, b) => weights.get(a.id)! - weights.get(b.id)! || a.id.localeCompare(b.id));
    const boxes: LayoutBox[] = visible.map((n) => {
      const label = n.label ?? n.id;
      return { id: n.id, label, shortLabel: elideMiddle(label, LABEL_CHARS), detail: n.detail, kind: n.kind, uri: n.uri, line: n.line, stop: n.stop, layer, x: 0, y: 0, root: n.id === view.root };
    });
    for (const n of visible) shownAs.set(n.id, n.id);
    if (collapse) {
      const hidden = nodes.length - visible.length;
      const rest = ranked.slice(maxPerLayer - 1);
      const hiddenLabels = rest.map((n) => n.label ?? n.id);
      boxes.push({ id: moreId(layer), label: `+${hidden} more`, shortLabel: `+${hidden} more`, detail: 'click to show all', kind: 'more', layer, x: 0, y: 0, root: false, hidden, hiddenLabels });
      for (const n of rest) shownAs.set(n.id, moreId(layer));
    }
    boxes.forEach((b, i) => order.set(b.id, i));
    columns.set(layer, boxes);
  }

  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const rowHeight = BOX_HEIGHT + GAP_Y;
  const height = MARGIN * 2 + tallest * rowHeight - GAP_Y;
  const boxes: LayoutBox[] = [];
  layers.forEach((layer, column) => {
    const col = columns.get(layer)!;
    const top = MARGIN + ((tallest - col.length) * rowHeight) / 2;
    col.forEach((b, i) => {
      b.x = MARGIN + column * (BOX_WIDTH + GAP_X);
      b.y = top + i * rowHeight;
      boxes.push(b);
    });
  });
  const width = MARGIN * 2 + layers.length * (BOX_WIDTH + GAP_X) - GAP_X;

  const boxById = new Map(boxes.map((b) => [b.id, b]));
  const seen = new Set<string>();
  const edges: LayoutEdge[] = [];
  for (const e of view.edges) {
    const from = shownAs.get(e.from);
    const to = shownAs.get(e.to);
    if (!from || !to || from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    edges.push({ from, to, d: edgePath(boxById.get(from)!, boxById.get(to)!) });
  }

  return { boxes, edges, width, height, notes };
}

/** A curve from the right side of `a` to the left side of `b` (or around, when `b` is not to the right). */
function edgePath(a: LayoutBox, b: LayoutBox): string {
  const y1 = a.y + BOX_HEIGHT / 2;
  const y2 = b.y + BOX_HEIGHT / 2;
  if (b.x > a.x) {
    const x1 = a.x + BOX_WIDTH;
    const x2 = b.x;
    const mid = (x1 + x2) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
  }
  const x1 = a.x + BOX_WIDTH;
  const x2 = b.x + BOX_WIDTH;
  const bulge = Math.max(x1, x2) + GAP_X / 2;
  return `M${x1},${y1} C${bulge},${y1} ${bulge},${y2} ${x2},${y2}`;
}
