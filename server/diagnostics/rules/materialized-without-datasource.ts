// A MATERIALIZED node must say where it writes.
import type { Finding, Rule } from '../rule';
import { explicitNodes, nodeAnchor } from '../support/nodes';

export const rule: Rule = {
  id: 'materialized-without-datasource',
  severity: 'error',
  category: 'lineage',
  summary: 'TYPE MATERIALIZED without a DATASOURCE line.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      if (node.type !== 'materialized' || node.target) continue;
      findings.push({ span: nodeAnchor(node), message: `Node '${node.name}' is MATERIALIZED but has no DATASOURCE. Add DATASOURCE <target datasource> after TYPE MATERIALIZED.` });
    }
    return findings;
  },
};
