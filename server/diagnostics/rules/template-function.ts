// tb's template security whitelist (`check_valid_expr`): only some functions and methods may be called
// inside `{{ }}`. `{% %}` contents are ordinary Python and are not validated.
import { TEMPLATE_METHODS, VALID_FUNCTION_NAMES } from '../../catalog/template';
import type { Finding, Rule } from '../rule';
import { sqlSpan } from '../support/spans';
import { templateCalls } from '../../parser/templateCalls';
import { templatedNodes } from '../support/templates';

const METHODS = new Set(TEMPLATE_METHODS.map((m) => m.name));
const FUNCTIONS = new Set(VALID_FUNCTION_NAMES);

export const rule: Rule = {
  id: 'template-function',
  severity: 'error',
  category: 'grammar',
  summary: "A `{{ }}` expression calls a function or method outside tb's allowed list.",
  check({ file }) {
    const findings: Finding[] = [];
    for (const { sql, scan } of templatedNodes(file)) {
      for (const tag of scan.tags) {
        if (tag.kind !== 'expression') continue;
        for (const call of templateCalls(tag.content)) {
          if (call.method ? METHODS.has(call.name) : FUNCTIONS.has(call.name)) continue;
          const span = sqlSpan(sql.toDocument, { start: tag.contentSpan.start + call.start, end: tag.contentSpan.start + call.end });
          findings.push({
            span,
            message: call.method
              ? `Invalid method: ${call.name}. Templates may only call the methods ${[...METHODS].join(', ')}.`
              : `Invalid function name: ${call.name}. Templates may only call tb's template functions (String, Int32, defined, column, sql_and…).`,
          });
        }
      }
    }
    return findings;
  },
};
