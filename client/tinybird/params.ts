// Template parameters of a pipe: asked in one form (prefilled with the last values, else the defaults),
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

const MEMORY_PREFIX = 'tinybird.params.';

function memoryKey(scope: string): string {
  return `${MEMORY_PREFIX}${scope}`;
}

/** The pipe whose values a memory key holds, or undefined for another key. */
export function scopeOfMemoryKey(key: string): string | undefined {
  return key.startsWith(MEMORY_PREFIX) ? key.slice(MEMORY_PREFIX.length) : undefined;
}

/** The values last given for a pipe's parameters (by Run endpoint, the parameters form…), {} when none. */
export function rememberedParams(memory: Memory, scope: string): Record<string, string> {
  return memory.get<Record<string, string>>(memoryKey(scope)) ?? {};
}

/** Shows the parameters form (prefilled with the last values, else the defaults); resolves to the non-empty values, or undefined when the user cancels. */
export async function askParams(ui: Ui, memory: Memory, scope: string, params: TemplateParameter[], action = 'Run'): Promise<Record<string, string> | undefined> {
  if (!params.length) return {};
  const last = rememberedParams(memory, scope);
  const values = await ui.paramsForm(scope, params, Object.fromEntries(params.map((p) => [p.name, last[p.name] ?? p.default ?? ''])), action);
  if (!values) return undefined;
  await memory.update(memoryKey(scope), values);
  return values;
}
