// Runtime errors a template raises before any real request reaches it: rendered in test mode (as tb check
// and tb push render it) and with every declared parameter set to its default, or else to a sample value
// of its type (the way the golden `#all` cases set every parameter).
import { attributeOnlyNames, declaredParams, type DeclaredParam, type ParamValue } from './params';
import { TemplateError, parseTemplate, renderTemplate } from './render';
import { PyError, type Value } from './python/values';
import type { Chunk } from './scanner';

export type CheckMode = 'test' | 'defaults';

export interface TemplateFailure {
  /** Tinybird's exception class and message. */
  kind: string;
  message: string;
  /** Template range `[start, end)` of the failing tag, when known. */
  start?: number;
  end?: number;
  /** The renders that raise it. */
  modes: CheckMode[];
}

const SAMPLE: Record<string, string> = {
  Date: '2024-01-01',
  DateTime: '2024-01-01 00:00:00',
  DateTime64: '2024-01-01 00:00:00.000',
  String: 'x',
  JSON: '{}',
};

/** A request value that validates as `type` (`Array(T)`: two elements). */
export function sampleValue(type: string): string {
  const array = /^Array\((.*)\)$/.exec(type);
  if (array) return `${sampleValue(array[1])},${sampleValue(array[1])}`;
  return SAMPLE[type] ?? (/^(U?Int\d*|Integer|Float\d+|Boolean)$/.test(type) ? '1' : 'x');
}

/** A declared default as a request sends it (Python's `str()`). */
function requestText(v: ParamValue): string {
  if (Array.isArray(v)) return v.map(requestText).join(',');
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/**
 * One request setting every declared parameter: its first declared default, else a sample of its first
 * declared type other than String (a `defined(x)` declares x as String before `Int32(x)` types it).
 */
export function defaultRequest(params: DeclaredParam[], skip: ReadonlySet<string> = new Set()): Map<string, Value> {
  const byName = new Map<string, { type?: string; default?: ParamValue }>();
  for (const p of params) {
    if (typeof p.name !== 'string' || skip.has(p.name)) continue;
    const entry = byName.get(p.name) ?? {};
    if (entry.type === undefined && p.type !== 'String') entry.type = p.type;
    if (entry.default === undefined && p.default !== null) entry.default = p.default;
    byName.set(p.name, entry);
  }
  const request = new Map<string, Value>();
  for (const [name, { type, default: dflt }] of byName) request.set(name, dflt !== undefined ? requestText(dflt) : sampleValue(type ?? 'String'));
  return request;
}

/**
 * The runtime failures of a template (the text after the node's `%`). Templates that do not parse give none:
 * their syntax errors are the template syntax rules' findings.
 */
export function templateFailures(template: string, name?: string): TemplateFailure[] {
  let chunks: Chunk[];
  try {
    chunks = parseTemplate(template, name).chunks;
  } catch (e) {
    // nesting too deep fails every render; other errors here are the template syntax rules' findings
    if (e instanceof PyError && e.kind === 'RecursionError') return [{ kind: e.kind, message: e.message, start: e.span?.[0], end: e.span?.[1], modes: ['test', 'defaults'] }];
    if (e instanceof PyError) return [];
    throw e;
  }
  let request = new Map<string, Value>();
  try {
    request = defaultRequest(declaredParams(chunks), attributeOnlyNames(chunks));
  } catch (e) {
    // a declaration Tinybird rejects (`Int32([1])`): both renders raise it
    if (!(e instanceof PyError)) throw e;
  }
  const failures: TemplateFailure[] = [];
  const add = (mode: CheckMode, failure: Omit<TemplateFailure, 'modes'>): void => {
    const f = narrowed(template, failure);
    const same = failures.find((x) => x.kind === f.kind && x.message === f.message && x.start === f.start && x.end === f.end);
    if (same) same.modes.push(mode);
    else failures.push({ ...f, modes: [mode] });
  };
  const render = (mode: CheckMode, variables: Map<string, Value> | null) => {
    try {
      const result = renderTemplate(template, { variables, testMode: mode === 'test', name });
      for (const call of result.errorCalls) add(mode, call);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      add(mode, { kind: e.kind, message: e.message, start: e.offset, end: e.end });
    }
  };
  render('test', null);
  render('defaults', request);
  return failures;
}

/** An AttributeError names the attribute: its range is the `name.attr` of the tag, when the tag reads it once. */
function narrowed<F extends Omit<TemplateFailure, 'modes'>>(template: string, f: F): F {
  const attr = /^'[^']*' object has no attribute '(\w+)'$/.exec(f.message)?.[1];
  if (f.kind !== 'AttributeError' || !attr || f.start === undefined || f.end === undefined) return f;
  const hits = [...template.slice(f.start, f.end).matchAll(new RegExp(`[A-Za-z_][\\w.]*\\.${attr}\\b`, 'g'))];
  if (hits.length !== 1) return f;
  const start = f.start + hits[0].index!;
  return { ...f, start, end: start + hits[0][0].length };
}
