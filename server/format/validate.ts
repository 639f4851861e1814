// The errors tb fmt stops on: the parser's diagnostics, and what `parse_pipe` finds when it
// test-renders the first node's template.
import type { Datafile } from '../parser/ast';
import { positionAt } from '../parser/lines';
import type { Env } from './context';
import { nodeSqlText } from './nodeSql';
import { pyStrip } from './pyText';
import { refuse } from './refusal';
import { templateError } from './templateCheck';

export function checkParsed(doc: Datafile, env: Env): void {
  const diagnostic = doc.diagnostics.find((d) => d.severity === 'error');
  if (diagnostic) refuse(`line ${positionAt(doc.lineStarts, diagnostic.start).line + 1}: ${diagnostic.message}`);
  if (doc.kind === 'pipe') checkFirstNode(doc, env);
}

/** tb renders only the first node (the oracle lacks the ClickHouse parser that would check the rest). */
function checkFirstNode(doc: Datafile, env: Env): void {
  const first = doc.nodes[0];
  if (!first) return;
  if (!first.sql) refuse(`node ${first.name} must have a SQL query`);
  const sql = pyStrip(nodeSqlText(first.sql, env));
  if (!sql.startsWith('%')) return;
  const error = templateError(sql.slice(1));
  if (error) refuse(`node ${first.name}: ${error}`);
}
