// The part of tb's template test-render (`render_sql_template(sql, test_mode=True)`) that decides
// whether tb fmt fails: tag syntax, Python syntax of the tag code, and the function whitelist.
import { VALID_FUNCTION_NAMES } from '../catalog/template';
import { scanTemplate, type TemplateTag } from '../parser/template';
import { PySyntaxError, tokenize, type PyToken } from './sql/black/pyTokenize';

/**
 * Callable names: tb's VALID_FUNCTION_NAMES, plus Python builtins seen in templates tb accepts
 * (`enumerate`, …) — refusing a valid file is worse than formatting a bad one.
 */
const VALID_FUNCTIONS = new Set([
  ...VALID_FUNCTION_NAMES,
  ...'enumerate range str bool dict set tuple sum abs round sorted reversed zip any all map filter isinstance Symbol Column'.split(' '),
]);

const PY_KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield None True False'.split(' '),
);

/** Statements whose text after the operator is Python code that must compile. */
const CODE_STATEMENTS = new Set(['if', 'elif', 'while', 'for', 'set']);

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The Python tokens of tag code, or an error message when it cannot compile. */
function tagTokens(code: string): PyToken[] | string {
  let result;
  try {
    result = tokenize(code, true);
  } catch (e) {
    if (e instanceof PySyntaxError) return `invalid syntax (${e.message})`;
    throw e;
  }
  if (result.newlines.length) return 'invalid syntax (a tag spans lines)';
  const stack: string[] = [];
  for (const t of result.tokens) {
    if (t.kind !== 'op') continue;
    if (t.value === '(' || t.value === '[' || t.value === '{') stack.push(t.value);
    else if (t.value in PAIRS && stack.pop() !== PAIRS[t.value]) return `unmatched '${t.value}'`;
  }
  if (stack.length) return `'${stack[stack.length - 1]}' was never closed`;
  return result.tokens;
}

function codeError(code: string): string | undefined {
  if (!code) return 'invalid syntax (empty code)';
  const tokens = tagTokens(code);
  if (typeof tokens === 'string') return tokens;
  const last = tokens[tokens.length - 1];
  if (last && last.kind === 'op' && !(last.value in PAIRS) && last.value !== ',') return 'invalid syntax';
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [t, next] = [tokens[i], tokens[i + 1]];
    if (t.kind !== 'name' || next.value !== '(' || PY_KEYWORDS.has(t.value) || tokens[i - 1]?.value === '.') continue;
    if (!VALID_FUNCTIONS.has(t.value)) return `Invalid function name: ${t.value}`;
  }
  return undefined;
}

function tagError(tag: TemplateTag): string | undefined {
  if (tag.kind === 'expression') return codeError(tag.content);
  if (tag.kind !== 'statement' || !tag.operator || !CODE_STATEMENTS.has(tag.operator)) return undefined;
  return codeError(tag.content.slice(tag.operator.length).trim());
}

/** Why tb's test render of a templated node's SQL (after the `%`) fails, or undefined. */
export function templateError(sql: string): string | undefined {
  const scan = scanTemplate(sql);
  if (scan.problems.length) return scan.problems[0].message;
  for (const tag of scan.tags) {
    const error = tagError(tag);
    if (error) return error;
  }
  return undefined;
}
