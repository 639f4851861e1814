// A TYPE value tb does not know (`TYPE COPPY`) makes the node a standard one, and tb fmt then deletes
// the TYPE line together with the lines that only belong to that type (TARGET_DATASOURCE, COPY_MODE,
// COPY_SCHEDULE, DATASOURCE): the typo silently loses the node's configuration.
import type { ValueRef } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { explicitNodes } from '../support/nodes';
import { closest } from '../support/similar';

/** The node types classic tb accepts (`default` is a synonym of `standard`). */
const NODE_TYPES = ['standard', 'default', 'endpoint', 'materialized', 'copy', 'sink', 'stream'];

export const rule: Rule = {
  id: 'unknown-node-type',
  severity: 'error',
  category: 'grammar',
  summary: 'A node TYPE that is not one of standard, endpoint, materialized, copy, sink or stream.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      const type = node.node.attrs.get('type');
      if (!type || NODE_TYPES.includes(type.value.toLowerCase())) continue;
      const best = closest(type.value, NODE_TYPES);
      findings.push({
        span: type.span,
        message:
          `Unknown node TYPE '${type.value}'${best ? ` (did you mean ${best}?)` : ''}: Tinybird treats '${node.name}' as a standard node, ` +
          'and tb fmt deletes the TYPE line with the settings that belong to it (TARGET_DATASOURCE, COPY_MODE, COPY_SCHEDULE, DATASOURCE).',
        data: type,
      });
    }
    return findings;
  },
  fix(_ctx, finding) {
    const type = finding.data as ValueRef;
    const best = closest(type.value, NODE_TYPES);
    if (!best) return [];
    const text = type.value === type.value.toUpperCase() ? best.toUpperCase() : best;
    return [{ title: `Change to ${text}`, edits: [{ span: type.span, newText: text }], preferred: true }];
  },
};
