/**
 * Test support for the SQL layer: the text each node gives the SQL formatter (sql-format.md §1.1,
 * through the real parser), and tb fmt's own SQL blocks read from its output files.
 */
import { nodeSqlText } from '../../server/format/nodeSql';
import { parseDatafile } from '../../server/parser/datafile';

/** The environment the golden oracle ran with. */
export const GOLDEN_ENV: Readonly<Record<string, string>> = {
  TB_GOLDEN_DB: 'golden_db',
  TB_GOLDEN_TABLE: 'golden_events',
  TB_GOLDEN_NODE: 'node_from_env',
  TB_GOLDEN_LIMIT: '42',
};

/** §1.1 for every node of a pipe that has SQL, in order. */
export function nodeSqls(pipe: string, env: Readonly<Record<string, string>> = GOLDEN_ENV): string[] {
  return parseDatafile(pipe, 'pipe').nodes.flatMap((node) => (node.sql ? [nodeSqlText(node.sql, env)] : []));
}

/**
 * The SQL blocks of a file written by tb fmt: the 4-space lines after `SQL >`, up to the blank line
 * that ends the block. Read independently of the parser, since these are the expected values.
 */
export function formattedSqlBlocks(datafile: string): string[][] {
  const lines = datafile.split('\n');
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'SQL >') continue;
    const block: string[] = [];
    let j = i + 1;
    for (; j < lines.length && /^ {4}/u.test(lines[j]); j++) block.push(lines[j]);
    blocks.push(block);
    i = j - 1;
  }
  return blocks;
}
