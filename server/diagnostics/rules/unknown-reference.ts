// A FROM/JOIN name that is not a datasource, a pipe, a node of the pipe, a CTE or a table function,
// and is a couple of edits away from one that is: a typo.
import type { Finding, Rule } from '../rule';
import { suggestionFix, unresolvedReads, type UnresolvedRead } from '../support/references';

export const rule: Rule = {
  id: 'unknown-reference',
  severity: 'error',
  category: 'lineage',
  crossFile: true,
  summary: 'FROM/JOIN names something that is not a datasource, pipe, node of this pipe, CTE or table function, but is close to one (a typo).',
  check(ctx) {
    return unresolvedReads(ctx)
      .filter((r) => r.typoOf)
      .map((r): Finding => ({ span: r.span, message: `Unknown table ${r.name}: did you mean ${r.typoOf}?`, data: r }));
  },
  fix: (_ctx, finding) => suggestionFix(finding.data as UnresolvedRead),
};
