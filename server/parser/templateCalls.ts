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

/**
 * Walks Python code from `from`, skipping string literals, and calls `visit` with each character
 * outside strings and the bracket depth before it; stops when `visit` returns true. Returns the
 * index where it stopped (the text's length when it ran out).
 */
function walkCode(code: string, from: number, visit: (c: string, i: number, depth: number) => boolean | void): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (visit(c, i, depth)) return i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return code.length;
}

/** Python call arguments split at top-level commas (quotes and brackets respected), trimmed. */
export function splitArguments(args: string): string[] {
  const out: string[] = [];
  let start = 0;
  walkCode(args, 0, (c, i, depth) => {
    if (c === ',' && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  });
  const last = args.slice(start).trim();
  if (last) out.push(last);
  return out;
}

export function templateCalls(content: string): TemplateCall[] {
  const calls: TemplateCall[] = [];
  const re = /(['"])(?:\\.|(?!\1).)*\1|(\.\s*)?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/gs;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    if (m[1] || PY_KEYWORDS.has(m[3])) continue;
    const start = m.index + (m[2]?.length ?? 0);
    const open = re.lastIndex;
    // The `)` closing this call is the first one at depth 0 after the opening `(`.
    const close = walkCode(content, open, (c, _i, depth) => c === ')' && depth === 0);
    const args = content.slice(open, close);
    calls.push({ name: m[3], method: !!m[2], start, end: start + m[3].length, args });
  }
  return calls;
}
