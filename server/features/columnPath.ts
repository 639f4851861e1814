// A SCHEMA column's path for the lineage view: upstream, the SELECT item of each MV/copy node writing it
// and the datasource columns that item reads, writer by writer; downstream, the pipes reading it and
// the columns their MV/copy nodes write from it. Breadth-first, each box in the layer of its distance;
// every writer whose SELECT list hides the column (`SELECT *`, template blocks) is a stop, said as such.
import type { ColumnLineageView, LineageGraphEdge, LineageGraphNode } from '../protocol';
import { positionAt } from '../parser/lines';
import type { FileFacts } from '../workspace/facts';
import { columnWriters, type ColumnRef, type ColumnWriters, type UntracedWriter } from '../semantic/writers';
import type { FeatureContext } from './context';
import { localReaders, occurrencesOf } from '../semantic/occurrences';
import { detailOf } from './lineageGraph';
import { columnsOf, columnType } from '../semantic/columns';
import { nodesOf } from '../semantic/model';
import { symbolAt } from '../semantic/symbols';

/** Why a writer is not traced, as the hover and the lineage view say it. */
export const UNTRACED: Record<UntracedWriter['reason'], string> = {
  star: 'selects `*`: not traced further',
  template: 'its SELECT list depends on template blocks: not traced',
  missing: 'does not name it in its SELECT list',
};

/** Hops followed in each direction: a column's path rarely crosses more datasources than this. */
const MAX_HOPS = 8;

const columnId = (ref: ColumnRef) => `${ref.datasource}.${ref.column}`;
const lineOf = (file: FileFacts, offset: number) => positionAt(file.parsed.lineStarts, offset).line;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The path of the datasource column named at an offset: in SCHEMA, keys or SQL. */
export function columnPathAt(ctx: FeatureContext, file: FileFacts, offset: number): ColumnLineageView | null {
  const symbol = symbolAt(ctx.index, file, offset);
  if (symbol?.kind !== 'target' || symbol.target.kind !== 'column') return null;
  const ds = ctx.index.datasource(symbol.target.datasource);
  return ds ? columnPath(ctx, ds, symbol.target.name) : null;
}

export function columnPath(ctx: FeatureContext, ds: FileFacts, column: string): ColumnLineageView | null {
  if (ds.role !== 'datasource' || !columnsOf(ctx.index, ds.name)?.has(column)) return null;
  const path = new PathBuilder(ctx);
  const root: ColumnRef = { datasource: ds.name, column };
  path.column(root, 0);
  let frontier = [root];
  for (let hop = 1; frontier.length && hop <= MAX_HOPS; hop++) frontier = frontier.flatMap((ref) => path.upstream(ref, -2 * hop + 1));
  frontier = [root];
  for (let hop = 1; frontier.length && hop <= MAX_HOPS; hop++) frontier = frontier.flatMap((ref) => path.downstream(ref, 2 * hop - 1));
  return { root: columnId(root), nodes: [...path.nodes.values()], edges: path.edges, stops: path.stops };
}

class PathBuilder {
  readonly nodes = new Map<string, LineageGraphNode>();
  readonly edges: LineageGraphEdge[] = [];
  readonly stops: string[] = [];
  private readonly writers = new Map<string, ColumnWriters>();

  constructor(private readonly ctx: FeatureContext) {}

  /** columnWriters, once per column of the path. */
  private writersOf(ref: ColumnRef): ColumnWriters {
    const id = columnId(ref);
    let found = this.writers.get(id);
    if (!found) this.writers.set(id, (found = columnWriters(this.ctx.index, ref.datasource, ref.column)));
    return found;
  }

  /** Adds a column's box; false when it was there already. */
  column(ref: ColumnRef, layer: number): boolean {
    const id = columnId(ref);
    if (this.nodes.has(id)) return false;
    const ds = this.ctx.index.datasource(ref.datasource)!;
    const schema = columnsOf(this.ctx.index, ref.datasource)!.get(ref.column)!;
    const writers = this.ctx.index.writersOf(ref.datasource).length;
    const detail = `${columnType(schema)}${writers ? '' : ` · ${detailOf(this.ctx, ds)}`}`;
    this.nodes.set(id, { id, kind: 'column', uri: this.ctx.uriOf(ds.path), line: lineOf(ds, schema.nameSpan.start), layer, detail });
    return true;
  }

  private box(node: LineageGraphNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  private edge(from: string, to: string): void {
    if (!this.edges.some((e) => e.from === from && e.to === to)) this.edges.push({ from, to });
  }

  /** The writers of a column (at `layer`) and the columns they read (at `layer - 1`); returns those new. */
  upstream(ref: ColumnRef, layer: number): ColumnRef[] {
    const { writers, untraced } = this.writersOf(ref);
    const next: ColumnRef[] = [];
    for (const w of writers) {
      const id = `${w.file.name}.${w.node.name}`;
      this.box({ id, label: `${w.file.name} › ${w.node.name}`, kind: 'node', uri: this.ctx.uriOf(w.file.path), line: lineOf(w.file, w.nameSpan.start), layer, detail: oneLine(w.expression) });
      this.edge(id, columnId(ref));
      for (const input of w.inputs) {
        if (this.column(input, layer - 1)) next.push(input);
        this.edge(columnId(input), id);
      }
    }
    for (const u of untraced) {
      const id = `${u.file.name}.${u.node.name}`;
      const stop = UNTRACED[u.reason].replace(/`/g, '');
      this.box({ id, label: `${u.file.name} › ${u.node.name}`, kind: 'node', uri: this.ctx.uriOf(u.file.path), line: lineOf(u.file, u.node.node.span.start), layer, detail: stop, stop });
      this.edge(id, columnId(ref));
      this.stops.push(`${u.file.name} › ${u.node.name} ${stop}`);
    }
    return next;
  }

  /** The pipes reading a column (at `layer`) and the columns they write from it (at `layer + 1`); returns those new. */
  downstream(ref: ColumnRef, layer: number): ColumnRef[] {
    const { index } = this.ctx;
    const next: ColumnRef[] = [];
    const from = columnId(ref);
    const readers = new Set(localReaders(index, ref.datasource).map((r) => r.file));
    for (const { file, occurrences } of occurrencesOf(index, { kind: 'column', datasource: ref.datasource, name: ref.column })) {
      if (!readers.has(file)) continue;
      const uses = `${occurrences.length} use${occurrences.length === 1 ? '' : 's'}`;
      this.box({ id: file.name, kind: 'pipe', uri: this.ctx.uriOf(file.path), line: lineOf(file, occurrences[0].span.start), layer, detail: `${detailOf(this.ctx, file)} · ${uses}` });
      this.edge(from, file.name);
      for (const { node } of nodesOf(index, file)) {
        const target = node.target?.name;
        const columns = target ? columnsOf(index, target) : undefined;
        if (!target || !columns) continue;
        let traced = false;
        for (const column of columns.keys()) {
          const written = this.writersOf({ datasource: target, column }).writers.some((w) => w.node === node && w.inputs.some((i) => i.datasource === ref.datasource && i.column === ref.column));
          if (!written) continue;
          traced = true;
          const out = { datasource: target, column };
          if (this.column(out, layer + 1)) next.push(out);
          this.edge(file.name, columnId(out));
        }
        // A `SELECT *` (or templated list) into a datasource with a column of the same name may pass it on: say so.
        const hidden = !traced && columns.has(ref.column) && this.writersOf({ datasource: target, column: ref.column }).untraced.find((u) => u.node === node && u.reason !== 'missing');
        if (hidden) {
          const stop = `${UNTRACED[hidden.reason].replace(/`/g, '')} (into ${target})`;
          this.nodes.get(file.name)!.stop = stop;
          this.stops.push(`${file.name} › ${node.name} ${stop}`);
        }
      }
    }
    return next;
  }
}
