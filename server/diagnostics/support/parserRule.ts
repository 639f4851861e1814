// Grammar rules that report the parser's own diagnostics (tb check wording), selected by code.
import type { Rule } from '../rule';

/** Parser diagnostic code → rule id; codes not listed go to the `syntax` rule. */
const CODE_RULES: Readonly<Record<string, string>> = {
  'unknown-keyword': 'unknown-keyword',
  'forward-syntax': 'forward-syntax',
  'needs-node': 'needs-node',
  'missing-value': 'missing-value',
  'missing-sql': 'missing-sql',
  'sql-not-block': 'missing-sql',
  version: 'invalid-version',
  'token-arguments': 'token-arguments',
  'settings-single-line': 'settings-single-line',
  'schema-syntax': 'schema-syntax',
  'indexes-syntax': 'indexes-syntax',
};

export function ruleOfParserCode(code: string): string {
  return CODE_RULES[code] ?? 'syntax';
}

export function parserRule(id: string, summary: string): Rule {
  return {
    id,
    severity: 'error',
    category: 'grammar',
    summary,
    check: ({ file }) =>
      file.parsed.diagnostics.filter((d) => ruleOfParserCode(d.code) === id).map((d) => ({ span: { start: d.start, end: d.end }, message: d.message })),
  };
}
