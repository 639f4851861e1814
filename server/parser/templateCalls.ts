// Function and method calls inside template code (`{{ String(x, 'a') }}`, `{% if defined(y) %}`),
// with string literals skipped and each call's argument text (balanced brackets).

const PY_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'in', 'not', 'and', 'or', 'is', 'while', 'return', 'lambda', 'set', 'print']);

export interface TemplateCall {
  name: string;
  /** True for `x.name(…)`. */
  method: boolean;
  /** Offsets of the name in the tag content. */
  start: number;
  end: number;
  /** Text between the call's parentheses (to the end when unbalanced). */
  args: string;
}

/** Index just past the `)` matching the `(` before `from`, skipping string literals. */
function closingParen(content: string, from: number): number {
  let depth = 1;
  let quote: string | undefined;
  let i = from;
  for (; i < content.length && depth > 0; i++) {
    const c = content[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return i;
}

export function templateCalls(content: string): TemplateCall[] {
  const calls: TemplateCall[] = [];
  const re = /(['"])(?:\\.|(?!\1).)*\1|(\.\s*)?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/gs;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    if (m[1] || PY_KEYWORDS.has(m[3])) continue;
    const start = m.index + (m[2]?.length ?? 0);
    const open = re.lastIndex;
    const close = closingParen(content, open);
    const args = content.slice(open, content[close - 1] === ')' ? close - 1 : close);
    calls.push({ name: m[3], method: !!m[2], start, end: start + m[3].length, args });
  }
  return calls;
}
