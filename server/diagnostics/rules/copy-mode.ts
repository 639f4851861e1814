// COPY_MODE must be append or replace (case-insensitive).
import { COPY_MODES } from '../../catalog/keywords';
import type { Finding, Rule } from '../rule';
import { explicitNodes } from '../support/nodes';

const MODES = COPY_MODES.map((m) => m.value);

export const rule: Rule = {
  id: 'copy-mode',
  severity: 'error',
  category: 'lineage',
  summary: 'COPY_MODE is neither append nor replace.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      const mode = node.node.attrs.get('mode');
      if (node.type !== 'copy' || !mode || MODES.includes(mode.value.toLowerCase())) continue;
      findings.push({
        span: mode.span,
        message: `Cannot create Copy pipe. Invalid MODE expression: '${mode.value}'. Valid modes are: ${MODES.map((m) => `'${m}'`).join(', ')}.`,
      });
    }
    return findings;
  },
};
