// The part of tb's template test-render (`render_sql_template(sql, test_mode=True)`) that decides
// whether tb fmt fails: tag syntax, Python syntax of the tag code, and the function whitelist.
import { VALID_FUNCTION_NAMES } from '../catalog/template';
import { scanTemplate, type TemplateTag } from '../parser/template';

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

interface PyToken {
  kind: 'name' | 'number' | 'string' | 'op' | 'open' | 'close';
  text: string;
}

const PY_TOKEN =
  /[ \t\f]+|#[^\n]*|\n|(?<string>(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))|(?<name>[\p{L}_][\p{L}\p{N}_]*)|(?<number>(?:\d[\d_]*\.?|\.\d)[\w.]*)|(?<open>[([{])|(?<close>[)\]}])|(?<op>\*\*=?|\/\/=?|<<=?|>>=?|[<>=!:]=|->|[-+*/%@&|^~<>=.,:;]=?)/uy;

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The Python tokens of tag code, or an error message when it cannot compile. */
function tokenize(code: string): PyToken[] | string {
  const tokens: PyToken[] = [];
  const stack: string[] = [];
  PY_TOKEN.lastIndex = 0;
  let at = 0;
  while (at < code.length) {
    PY_TOKEN.lastIndex = at;
    const m = PY_TOKEN.exec(code);
    if (!m) return `invalid syntax at '${code.slice(at, at + 10)}'`;
    at = PY_TOKEN.lastIndex;
    const g = m.groups!;
    if (m[0] === '\n') {
      if (!stack.length) return 'invalid syntax (a tag spans lines)';
      continue;
    }
    const kind = (['string', 'name', 'number', 'open', 'close', 'op'] as const).find((k) => g[k] !== undefined);
    if (!kind) continue;
    if (kind === 'open') stack.push(m[0]);
    if (kind === 'close' && stack.pop() !== PAIRS[m[0]]) return `unmatched '${m[0]}'`;
    tokens.push({ kind, text: m[0] });
  }
  if (stack.length) return `'${stack[stack.length - 1]}' was never closed`;
  return tokens;
}

function codeError(code: string): string | undefined {
  if (!code) return 'invalid syntax (empty code)';
  const tokens = tokenize(code);
  if (typeof tokens === 'string') return tokens;
  const last = tokens[tokens.length - 1];
  if (last && last.kind === 'op' && last.text !== ',') return 'invalid syntax';
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [t, next] = [tokens[i], tokens[i + 1]];
    if (t.kind !== 'name' || next.text !== '(' || PY_KEYWORDS.has(t.text) || tokens[i - 1]?.text === '.') continue;
    if (!VALID_FUNCTIONS.has(t.text)) return `Invalid function name: ${t.text}`;
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
