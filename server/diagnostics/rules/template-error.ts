// Runtime template errors that need no particular request: the node fails in test mode (tb check and push),
// reaches `error()` there, or fails with every parameter set to its default or a sample value of its type.
// Templates that do not parse are left to the template syntax rules.
import { templateFailures, type CheckMode, type TemplateFailure } from '../../template/check';
import { nodeTemplate, templateDocumentSpan } from '../../template/resolve';
import type { Finding, Rule } from '../rule';
import { templateScan } from '../support/templates';

const WHEN: Record<CheckMode, string> = {
  test: 'in test mode, as tb check and tb push render it',
  defaults: 'with every parameter set to its default or a sample value of its type',
};

/**
 * Failures per node name and template text: editing one node of a pipe re-renders only that node (the
 * framework caches whole files per version). Bounded like the engine's parse cache.
 */
const failuresByText = new Map<string, readonly TemplateFailure[]>();

function failuresOf(template: string, node: string): readonly TemplateFailure[] {
  const key = `${node}\u0000${template}`;
  let failures = failuresByText.get(key);
  if (!failures) {
    if (failuresByText.size > 2000) failuresByText.clear();
    failuresByText.set(key, (failures = templateFailures(template, node)));
  }
  return failures;
}

export const rule: Rule = {
  id: 'template-error',
  severity: 'error',
  category: 'grammar',
  summary: 'A template that fails in test mode, reaches `error()` there, or fails when every parameter is set to its default.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of file.nodes) {
      const template = nodeTemplate(node);
      const sql = node.node.sql;
      if (!template?.templated || !sql || templateScan(sql).problems.length) continue;
      for (const f of failuresOf(template.text, node.name)) {
        findings.push({
          span: templateDocumentSpan(sql, f.start, f.end),
          message: `${f.kind}: ${f.message} (node '${node.name}', ${f.modes.map((m) => WHEN[m]).join(', and ')})`,
        });
      }
    }
    return findings;
  },
};
