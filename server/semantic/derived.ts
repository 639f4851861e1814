// Columns of the tables a node computes itself: `FROM (SELECT x AS stars FROM t) AS m` and
// `WITH m AS (SELECT x AS stars FROM t)` both give `m.stars`. An output column is known by its SELECT
// item: its expression and, when that is a plain column, the datasource column it passes on, followed
// through nested subqueries and CTEs (at most MAX_NESTING tables deep).
import type { Span } from '../parser/ast';
import type { DerivedTable, SqlAnalysis } from '../parser/sqlRefs';
import { itemExpression, outputName, selectListAt } from '../parser/selectList';
import { identifierText, isName, isPunct, isWord, type SqlToken } from '../parser/sqlScan';
import type { WorkspaceIndex } from '../workspace/index';
import { ownerOf } from './columns';
import type { TableScope } from './scopes';

export interface OutputColumn {
  name: string;
  /** The CTE or subquery computing it. */
  table: DerivedTable;
  /** The SELECT item's expression as written (without its alias). */
  expression: string;
  /** Document span of the expression. */
  expressionSpan: Span;
  /** Document span of the alias after AS, when there is one. */
  aliasSpan?: Span;
  /** The datasource column the expression is, when it is a plain column that resolves. */
  source?: { datasource: string; name: string };
}

interface SqlText {
  text: string;
  toDocument(offset: number): number;
}

const MAX_NESTING = 6;

/** Index of the first token starting at or after an offset. */
function tokenAt(tokens: SqlToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The output columns of one node's CTEs and subqueries, resolved on demand and kept for the node's SQL. */
export class DerivedColumns {
  /** Per token: the index of the innermost `(` enclosing it (-1 at top level). */
  private readonly enclosing: Int32Array;
  /** Per subquery: the SELECT whose FROM/JOIN it is in (see `selectScope`). */
  private readonly scopes = new Map<DerivedTable, number>();
  /** CTEs that a FROM/JOIN of the node reads. */
  private readonly readCtes: DerivedTable[];
  private readonly outputs = new Map<DerivedTable, Map<string, OutputColumn>>();
  private readonly inProgress = new Set<DerivedTable>();
  private names?: Set<string>;

  constructor(
    private readonly index: Pick<WorkspaceIndex, 'datasource'>,
    private readonly scope: TableScope,
    private readonly analysis: SqlAnalysis,
    private readonly tokens: SqlToken[],
    private readonly sql: SqlText,
  ) {
    this.enclosing = new Int32Array(tokens.length);
    const open: number[] = [];
    tokens.forEach((t, k) => {
      if (isPunct(t, ')')) open.pop();
      this.enclosing[k] = open.length ? open[open.length - 1] : -1;
      if (isPunct(t, '(')) open.push(k);
    });
    for (const t of analysis.derived) if (t.kind === 'subquery') this.scopes.set(t, this.selectScope(tokenAt(tokens, t.open)));
    const read = new Set(analysis.refs.filter((r) => r.qualifier === undefined && analysis.ctes.has(r.name)).map((r) => r.name));
    this.readCtes = analysis.derived.filter((t) => t.kind === 'cte' && read.has(t.name!));
  }

  /** Every output column of every CTE and subquery. */
  all(): OutputColumn[] {
    return this.analysis.derived.flatMap((t) => [...this.columnsOf(t).values()]);
  }

  /** The table a qualifier names at token `k`: a subquery alias visible there, a CTE, or the alias of a FROM naming a CTE. */
  tableNamed(qualifier: string, k: number): DerivedTable | undefined {
    const subquery = this.visible(k).find((t) => t.name === qualifier);
    if (subquery) return subquery;
    const cte = this.analysis.refs.find((r) => r.qualifier === undefined && r.alias === qualifier && this.analysis.ctes.has(r.name))?.name ?? qualifier;
    return this.analysis.derived.find((t) => t.kind === 'cte' && t.name === cte);
  }

  /** `qualifier.name` at token `k`, when the qualifier is a CTE or subquery. */
  qualified(qualifier: string, name: string, k: number): OutputColumn | undefined {
    const table = this.tableNamed(qualifier, k);
    return table && this.columnsOf(table).get(name);
  }

  /** An unqualified name at token `k` that only a CTE or subquery read there provides. */
  unqualified(name: string, k: number): OutputColumn | undefined {
    if (!this.inProgress.size && !(this.names ??= new Set(this.all().map((c) => c.name))).has(name)) return undefined;
    for (const t of [...this.visible(k), ...this.readCtes]) {
      const column = this.columnsOf(t).get(name);
      if (column) return column;
    }
    return undefined;
  }

  /** The CTEs and subqueries an unqualified name at token `k` can come from. */
  tablesAt(k: number): DerivedTable[] {
    return [...this.visible(k), ...this.readCtes];
  }

  /** Token index of a SQL offset (the first token at or after it). */
  tokenAt(offset: number): number {
    return tokenAt(this.tokens, offset);
  }

  /** The output columns of a table, by name (the first item of a name wins). */
  columnsOf(table: DerivedTable): Map<string, OutputColumn> {
    const known = this.outputs.get(table);
    if (known) return known;
    if (this.inProgress.has(table) || this.inProgress.size >= MAX_NESTING) return new Map();
    this.inProgress.add(table);
    const columns = new Map<string, OutputColumn>();
    for (const item of this.selectItems(table)) {
      const column = this.outputColumn(table, item);
      if (column && !columns.has(column.name)) columns.set(column.name, column);
    }
    this.inProgress.delete(table);
    this.outputs.set(table, columns);
    return columns;
  }

  /** The subqueries in FROM/JOIN of the SELECT that token `k` belongs to (not correlated: outer ones are not seen). */
  private visible(k: number): DerivedTable[] {
    const scope = this.selectScope(Math.min(k, this.tokens.length - 1));
    return [...this.scopes].filter(([, s]) => s === scope).map(([table]) => table);
  }

  /** The `(` opening the subquery (or CTE body) that token `k` is in, -1 for the top-level query. */
  private selectScope(k: number): number {
    let r = k < 0 ? -1 : this.enclosing[k];
    while (r >= 0 && !isWord(this.tokens[r + 1], 'select') && !isWord(this.tokens[r + 1], 'with')) r = this.enclosing[r];
    return r;
  }

  /** The items of a table's (first) SELECT list, each as its tokens (template tags dropped). */
  private selectItems(table: DerivedTable): SqlToken[][] {
    const tokens = this.tokens;
    const open = tokenAt(tokens, table.open);
    const depth = tokens[open].depth + 1;
    let select = open + 1;
    while (select < tokens.length && tokens[select].start < table.close && !(tokens[select].depth === depth && isWord(tokens[select], 'select'))) select++;
    return select < tokens.length ? selectListAt(tokens, select, table.close).items : [];
  }

  private outputColumn(table: DerivedTable, item: SqlToken[]): OutputColumn | undefined {
    const output = outputName(item);
    if (!output) return undefined;
    const expr = itemExpression(item, output);
    const plain = plainColumn(expr);
    const first = expr[0];
    const end = expr[expr.length - 1].end;
    return {
      name: output.name,
      table,
      expression: this.sql.text.slice(first.start, end),
      expressionSpan: this.documentSpan({ start: first.start, end }),
      aliasSpan: output.alias ? this.documentSpan(output.alias) : undefined,
      source: plain && this.sourceOf(plain.qualifier, plain.name, tokenAt(this.tokens, first.start)),
    };
  }

  /** The datasource column a plain column at token `k` is, through CTEs and subqueries too. */
  private sourceOf(qualifier: string | undefined, name: string, k: number): OutputColumn['source'] {
    if (qualifier !== undefined) {
      const table = this.tableNamed(qualifier, k);
      if (table) return this.columnsOf(table).get(name)?.source;
    }
    const owner = ownerOf(this.index, qualifier === undefined ? this.scope.all : (this.scope.byAlias.get(qualifier) ?? []), name);
    if (owner) return { datasource: owner, name };
    return qualifier === undefined ? this.unqualified(name, k)?.source : undefined;
  }

  private documentSpan(span: Span): Span {
    return { start: this.sql.toDocument(span.start), end: this.sql.toDocument(span.end - 1) + 1 };
  }
}

/** `name` or `qualifier.name`. */
function plainColumn(expr: readonly SqlToken[]): { qualifier?: string; name: string } | undefined {
  if (expr.length === 1 && isName(expr[0])) return { name: identifierText(expr[0]) };
  if (expr.length === 3 && isName(expr[0]) && isPunct(expr[1], '.') && isName(expr[2])) return { qualifier: identifierText(expr[0]), name: identifierText(expr[2]) };
  return undefined;
}
