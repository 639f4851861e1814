// Pipe test files, in the two formats Tinybird users have:
// - classic `tb test` YAML: a list of one-key maps `- case_name: {sql, pipe: {name, params}, max_time, max_bytes_read}`;
//   a case passes when its SQL returns no rows (within the limits);
// - Forward-style `tests/<pipe>.yaml`: a list of `{name, description, parameters, expected_result, expected_http_status}`;
//   the pipe's endpoint called with `parameters` (a query string) must return `expected_result` (NDJSON).
import * as path from 'node:path';
import { load } from 'js-yaml';

export interface ClassicCase {
  kind: 'classic';
  name: string;
  sql: string;
  pipe?: { name: string; params: Record<string, string> };
  /** Seconds. */
  maxTime?: number;
  maxBytesRead?: number;
}

export interface ForwardCase {
  kind: 'forward';
  name: string;
  description?: string;
  pipe: string;
  parameters: Record<string, string>;
  /** The query string as written, kept when the file is rewritten. */
  parameterText: string;
  /** NDJSON; undefined when the case has none yet (`test update` writes it). */
  expectedResult?: string;
  expectedHttpStatus: number;
}

export type TestCase = ClassicCase | ForwardCase;

export interface TestFile {
  path: string;
  format: 'classic' | 'forward';
  cases: TestCase[];
  /** Why the file (or one of its cases) could not be read; its cases are then not run. */
  error?: string;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${what} must be a number, not ${scalar(value)}`);
  return n;
}

/** `a=1&b=x%20y` as parameters; a leading `?` is allowed. */
export function parseParameters(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text.replace(/^\?/, '')).entries());
}

function classicCase(item: Record<string, unknown>): ClassicCase {
  const [name, body] = Object.entries(item)[0];
  if (!isMap(body)) throw new Error(`case ${name}: expected a map with sql:`);
  const sql = scalar(body.sql).trim();
  if (!sql) throw new Error(`case ${name}: no sql`);
  const testCase: ClassicCase = { kind: 'classic', name, sql };
  if (isMap(body.pipe)) {
    const params = isMap(body.pipe.params) ? Object.fromEntries(Object.entries(body.pipe.params).map(([k, v]) => [k, scalar(v)])) : {};
    testCase.pipe = { name: scalar(body.pipe.name), params };
  }
  const maxTime = optionalNumber(body.max_time, `case ${name}: max_time`);
  const maxBytesRead = optionalNumber(body.max_bytes_read, `case ${name}: max_bytes_read`);
  if (maxTime !== undefined) testCase.maxTime = maxTime;
  if (maxBytesRead !== undefined) testCase.maxBytesRead = maxBytesRead;
  return testCase;
}

function forwardCase(item: Record<string, unknown>, pipe: string): ForwardCase {
  const name = scalar(item.name);
  if (!name) throw new Error('a case without name');
  const parameterText = scalar(item.parameters);
  const testCase: ForwardCase = {
    kind: 'forward',
    name,
    pipe,
    parameters: parseParameters(parameterText),
    parameterText,
    expectedHttpStatus: optionalNumber(item.expected_http_status, `case ${name}: expected_http_status`) ?? 200,
  };
  if (item.description !== undefined && item.description !== null) testCase.description = scalar(item.description);
  if (item.expected_result !== undefined && item.expected_result !== null) testCase.expectedResult = scalar(item.expected_result);
  return testCase;
}

/** Reads a test file's text; a Forward-style file's pipe is its base name. */
export function parseTestFile(filePath: string, text: string): TestFile {
  const pipe = path.basename(filePath).replace(/\.ya?ml$/, '');
  let data: unknown;
  try {
    data = load(text, { filename: filePath });
  } catch (e) {
    return { path: filePath, format: 'classic', cases: [], error: (e as Error).message.split('\n')[0] };
  }
  if (data === null || data === undefined) return { path: filePath, format: 'classic', cases: [] };
  if (!Array.isArray(data) || !data.every(isMap)) return { path: filePath, format: 'classic', cases: [], error: 'a test file is a YAML list of cases' };
  const forward = data.some((item) => 'name' in item && ('expected_result' in item || 'parameters' in item || Object.keys(item).length > 1));
  try {
    if (forward) return { path: filePath, format: 'forward', cases: data.map((item) => forwardCase(item, pipe)) };
    if (!data.every((item) => Object.keys(item).length === 1)) throw new Error('a classic case is a one-key map `- name: {sql: …}`');
    return { path: filePath, format: 'classic', cases: data.map(classicCase) };
  } catch (e) {
    return { path: filePath, format: forward ? 'forward' : 'classic', cases: [], error: (e as Error).message };
  }
}
