// Column lineage: which SELECT item of each MATERIALIZED/COPY node writing a datasource produces one of
// its columns (`… AS snapshotId`, or the plain column of that name). The trace stops at a writer whose
// SELECT list cannot be read statically (`SELECT *`, `t.*`, template blocks in the list): it is reported
// as such, never guessed.
import type { Span } from '../parser/ast';
import { itemExpression, outputName } from '../parser/selectList';
import { identifierText, isName, isPunct, type SqlToken } from '../parser/sqlScan';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { ownerOf, selectsStar, topSelectList } from './columns';
import { sqlTables } from './model';
import type { TableScope } from './scopes';

export interface ColumnWriter {
  /** The file holding the node (the pipe, or the `.incl` it comes from). */
  file: FileFacts;
  node: NodeFacts;
  /** The producing SELECT item as written. */
  expression: string;
  /** Document span of the output name: the alias, or the column's name when the item is a plain column. */
  nameSpan: Span;
  /** Whether the name is an alias (else the item is the plain column `name` or `t.name`). */
  aliased: boolean;
  /** The datasource columns the expression names (through the node's FROM/JOIN, nodes included). */
  inputs: ColumnRef[];
}

export interface ColumnRef {
  datasource: string;
  column: string;
}

export interface UntracedWriter {
  file: FileFacts;
  node: NodeFacts;
  reason: 'star' | 'template' | 'missing';
}

export interface ColumnWriters {
  writers: ColumnWriter[];
  /** Writers whose SELECT list does not show the column statically. */
  untraced: UntracedWriter[];
}

export function columnWriters(index: WorkspaceIndex, datasource: string, column: string): ColumnWriters {
  const out: ColumnWriters = { writers: [], untraced: [] };
  for (const w of index.writersOf(datasource)) {
    const file = w.via ?? w.file;
    const sql = w.node.node.sql;
    const tokens = w.node.analysis?.tokens;
    const list = tokens && topSelectList(tokens);
    if (!sql || !list) {
      out.untraced.push({ file, node: w.node, reason: 'missing' });
      continue;
    }
    const item = list.items.find((i) => outputName(i)?.name === column);
    if (item) {
      const name = outputName(item)!;
      const alias = name.alias;
      const nameToken = alias ?? item[item.length - 1];
      const start = sql.toDocument(item[0].start);
      const end = sql.toDocument(item[item.length - 1].end - 1) + 1;
      out.writers.push({
        file,
        node: w.node,
        expression: file.parsed.text.slice(start, end),
        nameSpan: { start: sql.toDocument(nameToken.start), end: sql.toDocument(nameToken.end - 1) + 1 },
        aliased: alias !== undefined,
        inputs: columnInputs(index, sqlTables(index, w.file, w.node), itemExpression(item, name)),
      });
      continue;
    }
    const star = selectsStar(list);
    out.untraced.push({ file, node: w.node, reason: star ? 'star' : list.templated ? 'template' : 'missing' });
  }
  return out;
}

/** The columns of the tables in scope an expression names: `col`, `t.col` (not function names). */
function columnInputs(index: WorkspaceIndex, scope: TableScope, expression: readonly SqlToken[]): ColumnRef[] {
  const out: ColumnRef[] = [];
  expression.forEach((t, i) => {
    if (!isName(t) || isPunct(expression[i + 1], '(') || isPunct(expression[i + 1], '.')) return;
    const qualified = isPunct(expression[i - 1], '.') && isName(expression[i - 2]);
    const tables = qualified ? scope.byAlias.get(identifierText(expression[i - 2])) ?? [] : scope.all;
    const column = identifierText(t);
    const datasource = ownerOf(index, tables, column);
    if (datasource && !out.some((r) => r.datasource === datasource && r.column === column)) out.push({ datasource, column });
  });
  return out;
}
