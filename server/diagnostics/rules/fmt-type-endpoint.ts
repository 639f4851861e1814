// tb fmt 5.x deletes `TYPE endpoint` lines. tb push then publishes the last node, which changes the
// endpoint when the marked node is not the last one.
import type { Finding, Rule } from '../rule';
import { explicitNodes } from '../support/nodes';

export const rule: Rule = {
  id: 'fmt-type-endpoint',
  severity: 'info',
  category: 'fmt',
  summary: '`TYPE endpoint` lines, which tb fmt deletes.',
  check({ file }) {
    const findings: Finding[] = [];
    const nodes = explicitNodes(file);
    for (const node of nodes) {
      const type = node.node.attrs.get('type');
      if (!type || type.value.toLowerCase() !== 'endpoint') continue;
      const last = nodes[nodes.length - 1] === node;
      findings.push({
        span: type.command.span,
        message: last
          ? 'tb fmt deletes TYPE endpoint lines. Harmless here: without it tb push publishes the last node, which is this one.'
          : `tb fmt deletes TYPE endpoint lines, and then tb push publishes the last node (${nodes[nodes.length - 1].name}) instead of '${node.name}'. Make '${node.name}' the last node.`,
      });
    }
    return findings;
  },
};
