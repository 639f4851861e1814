// MATERIALIZED and COPY nodes next to their target's schema: what the query selects (when its
// output names are known statically) and what the target datasource declares.
import type { Column, SqlBlock } from '../../parser/ast';
import type { NodeFacts } from '../../workspace/facts';
import type { RuleContext } from '../rule';
import { explicitNodes } from './nodes';
import { selectOutputs, type SelectOutput } from '../../semantic/columns';

export interface TargetQuery {
  node: NodeFacts;
  sql: SqlBlock;
  outputs: SelectOutput[];
  columns: Map<string, Column>;
}

export function targetQueries({ index, file }: RuleContext): TargetQuery[] {
  const out: TargetQuery[] = [];
  for (const node of explicitNodes(file)) {
    if ((node.type !== 'materialized' && node.type !== 'copy') || !node.target || !node.analysis || !node.node.sql) continue;
    const schema = index.datasource(node.target.name)?.parsed.nodes[0]?.schema;
    if (!schema || schema.command.invalid || !schema.columns.length) continue;
    const outputs = selectOutputs(node.analysis.tokens);
    if (!outputs) continue;
    out.push({ node, sql: node.node.sql, outputs, columns: new Map(schema.columns.map((c) => [c.name, c])) });
  }
  return out;
}
