// The SQL of a node around the SQL formatter: sql-format.md §1.1 (environment expansion; the parser
// already dropped blank and `#` lines and dedented or stripped the text) and §1.4 (datafile stage).
import type { SqlBlock } from '../parser/ast';
import { formatSqlTemplateDetailed, sqlfmtFailure } from './sql/index';
import { isPyBlank, pyStrip } from './pyText';
import { safeSubstitute } from '../workspace/substitute';
import { INDENT } from './sections';
import type { Env } from './context';
import type { Memo } from './sql/types';

/** The node SQL as tb stores it: the parser's text with `$VAR` / `${VAR}` expanded. */
export function nodeSqlText(sql: SqlBlock, env: Env): string {
  return safeSubstitute(sql.text, env);
}

/** §1.4, the datafile stage: blank lines dropped, every line indented (no trailing newline). */
export function datafileStage(formatted: string): string {
  let out = '';
  for (let start = 0; start <= formatted.length; ) {
    let end = formatted.indexOf('\n', start);
    if (end < 0) end = formatted.length;
    const line = formatted.slice(start, end);
    if (!isPyBlank(line)) out += out === '' ? INDENT + line : `\n${INDENT}${line}`;
    start = end + 1;
  }
  return out;
}

/**
 * Why sqlfmt cannot format a templated node's SQL, if it cannot. tb fmt then re-indents the node's
 * lines by 4 spaces on every run (its fallback keeps the text, which still carries its indentation).
 */
export function unformattableTemplate(sql: SqlBlock, env: Env, memo?: Memo): string | undefined {
  if (!sql.templated) return undefined;
  return sqlfmtFailure(pyStrip(nodeSqlText(sql, env)), memo);
}

/** The body of `SQL >`: the node's SQL formatted, then the datafile stage. */
export function formatNodeSql(sql: SqlBlock, env: Env, lineLength: number, keepUnformattableTemplate = false, memo?: Memo): string {
  const result = formatSqlTemplateDetailed(pyStrip(nodeSqlText(sql, env)), lineLength, memo);
  // The fallback text of a templated node is only stripped: its lines after the first are already indented.
  if (result.fallback && sql.templated && keepUnformattableTemplate) {
    return result.text
      .split('\n')
      .filter((line) => !isPyBlank(line))
      .map((line, i) => (i === 0 ? INDENT + line : line))
      .join('\n');
  }
  return datafileStage(result.text);
}
