// An unindented keyword-looking line inside a `>` block: tb keeps it as block text (so a Forward
// keyword such as FORWARD_QUERY, or a typo, silently becomes part of the SQL or schema).
import type { Rule } from '../rule';

const KEYWORD_LIKE = /^([A-Z][A-Z0-9]*_[A-Z0-9_]*|[A-Z][A-Z0-9_]*(?=\s+>(\s|$)))/;

export const rule: Rule = {
  id: 'swallowed-keyword',
  severity: 'warning',
  category: 'grammar',
  summary: 'An unindented unknown keyword right after a block is swallowed into that block instead of being an error.',
  check({ file }) {
    const { text, commands } = file.parsed;
    const findings = [];
    for (const command of commands) {
      for (const line of command.block?.lines ?? []) {
        const m = KEYWORD_LIKE.exec(text.slice(line.start, line.end));
        if (!m) continue;
        findings.push({
          span: { start: line.start, end: line.start + m[1].length },
          message: `${m[1]} is not a datafile keyword: tb keeps this line as part of the ${command.keyword.text.toUpperCase()} block above. Indent it if it belongs there, or remove it (classic tb does not support it).`,
        });
      }
    }
    return findings;
  },
};
