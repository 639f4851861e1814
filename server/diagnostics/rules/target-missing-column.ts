// Target columns without a default that the MATERIALIZED/COPY query does not produce get the type's
// zero value ('' / 0 / 1970-01-01) on every row.
import type { Finding, Rule } from '../rule';
import { hasDefault } from '../support/schema';
import { targetQueries } from '../support/targets';

export const rule: Rule = {
  id: 'target-missing-column',
  severity: 'warning',
  category: 'lineage',
  crossFile: true,
  summary: 'Target datasource columns without a default that the MATERIALIZED or COPY query does not produce.',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node, outputs, columns } of targetQueries(ctx)) {
      if (outputs.some((o) => !o.name)) continue;
      const produced = new Set(outputs.map((o) => o.name));
      const missing = [...columns.values()].filter((c) => !produced.has(c.name) && !hasDefault(c)).map((c) => c.name);
      if (!missing.length) continue;
      findings.push({
        span: node.target!.span,
        message: `The query does not produce ${missing.join(', ')} of ${node.target!.name}; ${missing.length > 1 ? 'they have' : 'it has'} no DEFAULT, so every row gets the type's zero value. Select ${missing.length > 1 ? 'them' : 'it'} or give ${missing.length > 1 ? 'them' : 'it'} a DEFAULT.`,
      });
    }
    return findings;
  },
};
