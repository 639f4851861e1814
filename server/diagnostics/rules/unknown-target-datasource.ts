// The DATASOURCE of a MATERIALIZED node or the TARGET_DATASOURCE of a COPY node is not a datasource
// of the workspace. It may exist only in Tinybird, hence a warning. A materialized node with its own
// ENGINE creates its DATASOURCE, so that one always exists.
import type { Span } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { explicitNodes } from '../support/nodes';
import { closest } from '../support/similar';
import { definesTarget } from '../../semantic/tables';

export const rule: Rule = {
  id: 'unknown-target-datasource',
  severity: 'warning',
  category: 'lineage',
  crossFile: true,
  summary: 'The DATASOURCE / TARGET_DATASOURCE of a MATERIALIZED or COPY node is not a datasource of the workspace.',
  check({ index, file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      const target = node.target;
      if (!target || (node.type !== 'materialized' && node.type !== 'copy') || definesTarget(node) || index.datasource(target.name)) continue;
      const keyword = node.type === 'copy' ? 'TARGET_DATASOURCE' : 'DATASOURCE';
      findings.push({
        span: target.span,
        message: `${keyword} ${target.name} is not a datasource of this workspace. If it exists only in Tinybird, add its .datasource file (tb pull); otherwise fix the name.`,
        data: target,
      });
    }
    return findings;
  },
  fix({ index }, finding) {
    const target = finding.data as { name: string; span: Span };
    const datasources = [...index.names()].filter((n) => index.datasource(n));
    const best = closest(target.name, datasources);
    return best ? [{ title: `Change to ${best}`, edits: [{ span: target.span, newText: best }], preferred: true }] : [];
  },
};
