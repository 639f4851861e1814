// A request value as Tinybird escapes it into SQL: the parameter's type function applied to it by the engine.
import { TemplateError, renderTemplate } from './render';

export type RenderedValue = { ok: true; sql: string } | { ok: false; kind: string; message: string };

/** `{{ Type(name) }}` (`{{ Array(name, 'T') }}` for `Array(T)`) rendered with the request `name=value`. */
export function renderedValue(name: string, type: string, value: string): RenderedValue {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, kind: 'ValueError', message: `${name} is not a parameter name` };
  const array = /^Array\((.*)\)$/.exec(type);
  const call = array ? `Array(${name}, '${array[1].replace(/[\\']/g, '')}')` : `${/^[A-Za-z]\w*$/.test(type) ? type : 'String'}(${name})`;
  try {
    return { ok: true, sql: renderTemplate(`{{ ${call} }}`, { variables: new Map([[name, value]]) }).sql };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { ok: false, kind: e.kind, message: e.message };
  }
}
