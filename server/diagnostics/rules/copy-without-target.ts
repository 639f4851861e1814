// A COPY node must say where it writes.
import type { Finding, Rule } from '../rule';
import { explicitNodes, nodeAnchor } from '../support/nodes';

export const rule: Rule = {
  id: 'copy-without-target',
  severity: 'error',
  category: 'lineage',
  summary: 'TYPE COPY without a TARGET_DATASOURCE line.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      if (node.type !== 'copy' || node.target) continue;
      findings.push({ span: nodeAnchor(node), message: `Node '${node.name}' is a COPY node but has no TARGET_DATASOURCE. Add TARGET_DATASOURCE <datasource> after TYPE COPY.` });
    }
    return findings;
  },
};
