// Column lineage: which SELECT item of each MATERIALIZED/COPY node writing a datasource produces one of
// its columns (`… AS snapshotId`, or the plain column of that name). The trace stops at a writer whose
// SELECT list cannot be read statically (`SELECT *`, `t.*`, template blocks in the list): it is reported
// as such, never guessed.
import type { Span } from '../parser/ast';
import { outputName, selectListAt, type SelectList } from '../parser/selectList';
import { isPunct, isWord, type SqlToken } from '../parser/sqlScan';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

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
      const alias = outputName(item)!.alias;
      const nameToken = alias ?? item[item.length - 1];
      const start = sql.toDocument(item[0].start);
      const end = sql.toDocument(item[item.length - 1].end - 1) + 1;
      out.writers.push({
        file,
        node: w.node,
        expression: file.parsed.text.slice(start, end),
        nameSpan: { start: sql.toDocument(nameToken.start), end: sql.toDocument(nameToken.end - 1) + 1 },
        aliased: alias !== undefined,
      });
      continue;
    }
    const star = selectsStar(list);
    out.untraced.push({ file, node: w.node, reason: star ? 'star' : list.templated ? 'template' : 'missing' });
  }
  return out;
}

/** The SELECT list of a query's top level (after its CTEs), if it has one. */
export function topSelectList(tokens: SqlToken[]): SelectList | undefined {
  const select = tokens.findIndex((t) => t.depth === 0 && isWord(t, 'select'));
  return select < 0 ? undefined : selectListAt(tokens, select);
}

/** Whether a SELECT list has `*` or `t.*` among its items. */
export const selectsStar = (list: SelectList) => list.items.some((i) => isPunct(i[i.length - 1], '*'));
