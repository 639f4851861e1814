// Template tags in SQL that does not start with `%`: tb refuses the file.
import type { SqlBlock } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { sqlSpan } from '../support/spans';
import { templateScan } from '../support/templates';

export const rule: Rule = {
  id: 'template-not-dynamic',
  severity: 'error',
  category: 'grammar',
  summary: 'Template syntax (`{{ }}`, `{% %}`) in SQL that does not start with `%`.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const { node } of file.nodes) {
      const sql = node.sql;
      if (!sql || sql.templated) continue;
      const tag = templateScan(sql).tags.find((t) => t.kind !== 'comment');
      if (!tag) continue;
      findings.push({
        span: sqlSpan(sql.toDocument, tag),
        message: 'In order to make a query dynamic, it is necessary to start the query with a % character.',
        data: sql,
      });
    }
    return findings;
  },
  fix({ file }, finding) {
    const sql = finding.data as SqlBlock;
    const at = sql.toDocument(0);
    const lineStart = file.parsed.text.lastIndexOf('\n', at - 1) + 1;
    const indent = file.parsed.text.slice(lineStart, at);
    return [{ title: 'Start the SQL with %', edits: [{ span: { start: at, end: at }, newText: `%\n${indent}` }], preferred: true }];
  },
};
