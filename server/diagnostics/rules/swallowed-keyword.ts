// An unindented keyword-looking line inside a `>` block: tb keeps it as block text (so a Forward
// keyword such as FORWARD_QUERY, or a typo, silently becomes part of the SQL or schema). Forward
// keywords are reported by forward-syntax instead.
import type { Rule } from '../rule';
import { isForwardKeyword, swallowedLines } from '../support/swallowed';

export const rule: Rule = {
  id: 'swallowed-keyword',
  severity: 'warning',
  category: 'grammar',
  summary: 'An unindented unknown keyword right after a block is swallowed into that block instead of being an error.',
  check: ({ file }) =>
    swallowedLines(file)
      .filter((line) => !isForwardKeyword(line.keyword))
      .map((line) => ({
        span: line.span,
        message: `${line.keyword} is not a datafile keyword: tb keeps this line as part of the ${line.block} block above. Indent it if it belongs there, or remove it (classic tb does not support it).`,
      })),
};
