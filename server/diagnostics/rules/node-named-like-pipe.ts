// tb push: "Error in node 'X'. The Pipe is already using that name."
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'node-named-like-pipe',
  severity: 'error',
  category: 'grammar',
  summary: 'A node has the same name as its pipe.',
  check({ file }) {
    if (file.role !== 'pipe') return [];
    const findings: Finding[] = [];
    for (const { node } of file.nodes) {
      if (node.command && node.name === file.name) {
        findings.push({
          span: node.nameSpan ?? node.command.keyword,
          message: `Error in node '${node.name}'. The Pipe is already using that name. Rename the node.`,
        });
      }
    }
    return findings;
  },
};
