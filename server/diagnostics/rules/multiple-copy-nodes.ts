// A pipe has at most one COPY node.
import type { Rule } from '../rule';
import { explicitNodes, nodeAnchor } from '../support/nodes';

export const rule: Rule = {
  id: 'multiple-copy-nodes',
  severity: 'error',
  category: 'lineage',
  summary: 'More than one COPY node in a pipe.',
  check({ file }) {
    if (file.role !== 'pipe') return [];
    const copies = explicitNodes(file).filter((n) => n.type === 'copy');
    return copies.slice(1).map((node) => ({
      span: nodeAnchor(node),
      message: `A pipe can have only one COPY node, and '${copies[0].name}' already is one. Move '${node.name}' to its own pipe.`,
    }));
  },
};
