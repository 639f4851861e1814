// Template parameters of a pipe: asked one by one (prefilled with the last values, else the defaults),
// checked against their template type, remembered per pipe.
import type { TemplateParameter } from '../../server/protocol';
import type { Ui } from './ui';

export interface Memory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const BOOLEAN = /^(true|false|1|0)$/i;

/** An error text for a value that the template function would reject, or undefined. Empty means "not sent". */
export function validateParam(param: TemplateParameter, value: string): string | undefined {
  if (value === '') return param.required ? `${param.name} is required` : undefined;
  const type = param.type;
  if (/^U?Int\d*$/.test(type) && !INT.test(value)) return `${param.name} must be an integer (${type})`;
  if (/^Float\d*$/.test(type) && !FLOAT.test(value)) return `${param.name} must be a number (${type})`;
  if (type === 'Boolean' && !BOOLEAN.test(value)) return `${param.name} must be true or false`;
  if (type === 'Date' && !DATE.test(value)) return `${param.name} must be a date like 2024-01-31`;
  if (/^DateTime(64)?$/.test(type) && !DATETIME.test(value)) return `${param.name} must be a date-time like 2024-01-31 23:59:59`;
  return undefined;
}

function memoryKey(scope: string): string {
  return `tinybird.params.${scope}`;
}

/** The values last given for a pipe's parameters (by Run endpoint, the parameters form…), {} when none. */
export function rememberedParams(memory: Memory, scope: string): Record<string, string> {
  return memory.get<Record<string, string>>(memoryKey(scope)) ?? {};
}

/** Asks every parameter; resolves to the non-empty values, or undefined when the user cancels. */
export async function askParams(ui: Ui, memory: Memory, scope: string, params: TemplateParameter[]): Promise<Record<string, string> | undefined> {
  const last = rememberedParams(memory, scope);
  const values: Record<string, string> = {};
  for (const [i, param] of params.entries()) {
    const flags = [param.type, param.required ? 'required' : 'optional', param.default !== undefined ? `default ${param.default}` : undefined].filter(Boolean);
    const value = await ui.input(`${param.name} (${flags.join(', ')})${param.description ? ` — ${param.description}` : ''}`, {
      title: `${scope}: parameter ${i + 1}/${params.length}`,
      value: last[param.name] ?? param.default ?? '',
      placeholder: param.type === 'Array' ? 'comma-separated values' : 'leave empty to omit',
      validate: (v) => validateParam(param, v),
    });
    if (value === undefined) return undefined;
    if (value !== '') values[param.name] = value;
  }
  await memory.update(memoryKey(scope), values);
  return values;
}
