// Template parameters of a pipe: `{{ Type(name, default, description="…", required=True) }}` calls
// and the names tested with `defined(name)`.
import { TEMPLATE_TYPE_NAMES } from '../catalog/template';
import type { TemplateParameter } from '../protocol';
import { scanTemplate } from './template';
import { splitArguments, templateCalls } from './templateCalls';

/** The type functions a parameter can be declared with (`String(x)`, `Int32(x)`, …). */
const TYPE_FUNCTIONS = new Set(TEMPLATE_TYPE_NAMES);

const unquotePython = (s: string) => (/^(['"]).*\1$/s.test(s) ? s.slice(1, -1) : s);

export function templateParameters(sqlTexts: string[]): TemplateParameter[] {
  const params = new Map<string, TemplateParameter>();
  const mentioned = new Set<string>();
  for (const sql of sqlTexts) {
    for (const tag of scanTemplate(sql).tags) {
      if (tag.kind === 'comment') continue;
      for (const call of templateCalls(tag.content)) {
        if (call.method) continue;
        const args = splitArguments(call.args);
        const first = args[0];
        if (!first || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(first)) continue;
        if (call.name === 'defined') {
          mentioned.add(first);
          continue;
        }
        if (!TYPE_FUNCTIONS.has(call.name)) continue;
        const keyword = new Map<string, string>();
        const positional: string[] = [];
        for (const a of args.slice(1)) {
          const kw = /^([A-Za-z_]+)\s*=(?!=)\s*(.*)$/s.exec(a);
          if (kw) keyword.set(kw[1], kw[2]);
          else positional.push(a);
        }
        const rawDefault = call.name === 'Array' ? keyword.get('default') ?? positional[1] : keyword.get('default') ?? positional[0];
        const type = call.name === 'Array' && positional[0] ? `Array(${unquotePython(positional[0])})` : call.name;
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
