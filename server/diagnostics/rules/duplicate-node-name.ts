// Two nodes with the same name in one pipe: tb push rejects it, and readers of the name are ambiguous.
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'duplicate-node-name',
  severity: 'error',
  category: 'grammar',
  crossFile: true,
  summary: 'Two nodes of a pipe share a name.',
  check({ index, file }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const { node, via } of index.nodesOf(file)) {
      if (!node.node.command) continue;
      if (seen.has(node.name) && !via) {
        findings.push({ span: node.node.nameSpan ?? node.node.command.keyword, message: `Node '${node.name}' is defined more than once in this pipe. Rename one of them.` });
      }
      seen.add(node.name);
    }
    return findings;
  },
};
