// The SQL of a node around the SQL formatter: sql-format.md §1.1 (environment expansion; the parser
// already dropped blank and `#` lines and dedented or stripped the text) and §1.4 (datafile stage).
import type { SqlBlock } from '../parser/ast';
import { formatSqlTemplate } from './sql/index';
import { pyStrip } from './pyText';
import { safeSubstitute } from '../workspace/substitute';
import { INDENT } from './sections';
import type { Env } from './context';

/** The node SQL as tb stores it: the parser's text with `$VAR` / `${VAR}` expanded. */
export function nodeSqlText(sql: SqlBlock, env: Env): string {
  return safeSubstitute(sql.text, env);
}

/** §1.4, the datafile stage: blank lines dropped, every line indented (no trailing newline). */
export function datafileStage(formatted: string): string {
  return formatted
    .split('\n')
    .filter((line) => pyStrip(line) !== '')
    .map((line) => INDENT + line)
    .join('\n');
}

/** The body of `SQL >`: the node's SQL formatted, then the datafile stage. */
export function formatNodeSql(sql: SqlBlock, env: Env, lineLength: number): string {
  return datafileStage(formatSqlTemplate(pyStrip(nodeSqlText(sql, env)), lineLength));
}
