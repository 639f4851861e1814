// A MATERIALIZED/COPY query selects a column that the target datasource does not have.
import type { Finding, Rule } from '../rule';
import { sqlSpan } from '../support/spans';
import { targetQueries } from '../support/targets';

export const rule: Rule = {
  id: 'target-unknown-column',
  severity: 'error',
  category: 'lineage',
  crossFile: true,
  summary: 'A MATERIALIZED or COPY node selects a column that its target datasource does not have.',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node, sql, outputs, columns } of targetQueries(ctx)) {
      for (const output of outputs) {
        if (!output.name || columns.has(output.name)) continue;
        findings.push({
          span: sqlSpan(sql.toDocument, output.span),
          message: `Column ${output.name} is not in the schema of ${node.target!.name}, which this ${node.type === 'copy' ? 'COPY' : 'MATERIALIZED'} node writes. Add it to the datasource or rename it with AS.`,
        });
      }
    }
    return findings;
  },
};
