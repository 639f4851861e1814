// Template parameters of a pipe: `{{ Type(name, default, description="…", required=True) }}` calls
// and the names tested with `defined(name)`.
import type { TemplateParameter } from '../protocol';
import { scanTemplate } from './template';

export const TYPE_FUNCTIONS = new Set([
  'Boolean', 'DateTime', 'DateTime64', 'Date', 'Float32', 'Float64', 'Int', 'Integer', 'Int8', 'Int16', 'Int32', 'Int64',
  'Int128', 'Int256', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128', 'UInt256', 'String', 'Array', 'JSON',
  'Symbol', 'Column',
]);

/** Splits Python call arguments at top-level commas (quotes and brackets respected). */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) args.push(last);
  return args;
}

/** Finds `Name(` calls in an expression and returns their argument text (balanced). */
function calls(expr: string): { fn: string; args: string }[] {
  const out: { fn: string; args: string }[] = [];
  const re = /\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    let depth = 1;
    let i = re.lastIndex;
    let quote: string | undefined;
    for (; i < expr.length && depth > 0; i++) {
      const c = expr[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    out.push({ fn: m[1], args: expr.slice(re.lastIndex, depth === 0 ? i - 1 : i) });
  }
  return out;
}

const unquotePython = (s: string) => (/^(['"]).*\1$/s.test(s) ? s.slice(1, -1) : s);

export function templateParameters(sqlTexts: string[]): TemplateParameter[] {
  const params = new Map<string, TemplateParameter>();
  const mentioned = new Set<string>();
  for (const sql of sqlTexts) {
    for (const tag of scanTemplate(sql).tags) {
      if (tag.kind === 'comment') continue;
      for (const call of calls(tag.content)) {
        const args = splitArguments(call.args);
        const first = args[0];
        if (!first || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(first)) continue;
        if (call.fn === 'defined') {
          mentioned.add(first);
          continue;
        }
        if (!TYPE_FUNCTIONS.has(call.fn)) continue;
        const keyword = new Map<string, string>();
        const positional: string[] = [];
        for (const a of args.slice(1)) {
          const kw = /^([A-Za-z_]+)\s*=(?!=)\s*(.*)$/s.exec(a);
          if (kw) keyword.set(kw[1], kw[2]);
          else positional.push(a);
        }
        const rawDefault = call.fn === 'Array' ? keyword.get('default') ?? positional[1] : keyword.get('default') ?? positional[0];
        const type = call.fn === 'Array' && positional[0] ? `Array(${unquotePython(positional[0])})` : call.fn;
        const existing = params.get(first);
        const param: TemplateParameter = {
          name: first,
          type,
          default: rawDefault !== undefined && rawDefault !== 'None' ? unquotePython(rawDefault) : existing?.default,
          required: keyword.get('required') === 'True' || existing?.required === true,
          description: keyword.has('description') ? unquotePython(keyword.get('description')!) : existing?.description,
        };
        params.set(first, param);
      }
    }
  }
  for (const name of mentioned) if (!params.has(name)) params.set(name, { name, type: 'String', required: false });
  return [...params.values()];
}
