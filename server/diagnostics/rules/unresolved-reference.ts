// A FROM/JOIN name that matches nothing in the workspace and is not a near-typo of a known name:
// a datasource or pipe that exists only in Tinybird (not pulled), or one that was renamed or deleted,
// in which case tb push of this pipe fails. Also a `tinybird.x` / `organization.x` that is not one of
// Tinybird's service data sources.
import type { Finding, Rule } from '../rule';
import { suggestionFix, unresolvedReads, type UnresolvedRead } from '../support/references';

export const rule: Rule = {
  id: 'unresolved-reference',
  severity: 'warning',
  category: 'lineage',
  crossFile: true,
  summary: 'FROM/JOIN names a table that no file of the workspace defines (renamed, deleted, or only in Tinybird).',
  check(ctx) {
    return unresolvedReads(ctx)
      .filter((r) => !r.typoOf)
      .map(
        (r): Finding => ({
          span: r.span,
          message: r.service
            ? `Tinybird has no service data source ${r.name}. The ${r.service} service data sources are ${r.candidates.join(', ')}.`
            : `${r.name} is not defined in this workspace (no datasource, pipe, node of this pipe or CTE has that name). If it was renamed or deleted, update this query (tb push fails otherwise); if it exists only in Tinybird, tb pull it.`,
          data: r,
        }),
      );
  },
  fix: (_ctx, finding) => suggestionFix(finding.data as UnresolvedRead),
};
