// A keyword of Tinybird Forward datafiles (FORWARD_QUERY, BACKFILL) in a classic project: one clear
// error naming it, whether it stands on its own line (tb: "not a valid option") or right after a
// block, which swallows it.
import { forwardSyntaxMessage } from '../../parser/datafile';
import type { Finding, Rule } from '../rule';
import { ruleOfParserCode } from '../support/parserRule';
import { isForwardKeyword, swallowedLines } from '../support/swallowed';

export const rule: Rule = {
  id: 'forward-syntax',
  severity: 'error',
  category: 'grammar',
  summary: 'A Tinybird Forward keyword (FORWARD_QUERY, BACKFILL) that classic tb does not support.',
  check({ file }) {
    const findings: Finding[] = file.parsed.diagnostics
      .filter((d) => ruleOfParserCode(d.code) === 'forward-syntax')
      .map((d) => ({ span: { start: d.start, end: d.end }, message: d.message }));
    for (const line of swallowedLines(file)) {
      if (isForwardKeyword(line.keyword)) findings.push({ span: line.span, message: forwardSyntaxMessage(line.keyword, `tb keeps this line as part of the ${line.block} block above`) });
    }
    return findings;
  },
};
