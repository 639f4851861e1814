// Grammar rules that report problems of the template scan of templated nodes, selected by code.
import type { TemplateProblem } from '../../parser/template';
import type { Finding, Rule } from '../rule';
import { sqlSpan } from './spans';
import { templatedNodes } from './templates';

export function templateProblemRule(id: string, codes: readonly TemplateProblem['code'][], summary: string): Rule {
  return {
    id,
    severity: 'error',
    category: 'grammar',
    summary,
    check({ file }) {
      const findings: Finding[] = [];
      for (const { node, sql, scan } of templatedNodes(file)) {
        for (const problem of scan.problems) {
          if (!codes.includes(problem.code)) continue;
          findings.push({ span: sqlSpan(sql.toDocument, problem), message: `${problem.message} (node '${node.name}')` });
        }
      }
      return findings;
    },
  };
}
