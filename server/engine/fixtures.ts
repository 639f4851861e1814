// Fixtures (`fixtures/<datasource>.ndjson|.csv`) loaded into the engine's tables. NDJSON lines go
// through the columns' json paths first, as Tinybird's ingestion does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineRequester } from './client';
import type { EngineError } from './protocol';
import { quoteIdentifier, type TableDef } from './tables';
import { FIXTURE_FORMATS } from '../workspace/fixtureFiles';

/** Steps of a `$.a.b[:]` / `$.a[0]` / `$['a']` path. */
function pathSteps(jsonPath: string): (string | number | ':')[] {
  const steps: (string | number | ':')[] = [];
  const re = /\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(-?\d+)\s*\]|\[\s*:\s*\]/gy;
  re.lastIndex = jsonPath.startsWith('$') ? 1 : 0;
  for (let m = re.exec(jsonPath); m; m = re.exec(jsonPath)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(m[2]);
    else if (m[3] !== undefined) steps.push(m[3]);
    else if (m[4] !== undefined) steps.push(Number(m[4]));
    else steps.push(':');
    if (re.lastIndex === jsonPath.length) break;
  }
  return steps;
}

/** The value at a json path, or undefined when the path is absent (the column then takes its default). */
export function valueAt(value: unknown, jsonPath: string): unknown {
  let current: unknown = value;
  for (const step of pathSteps(jsonPath)) {
    if (step === ':') continue;
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step < 0 ? current.length + step : step];
    } else current = (current as Record<string, unknown>)[step];
    if (current === undefined) return undefined;
  }
  return current;
}

/** One NDJSON line as the table's row: json-path columns extracted, other columns by name. */
export function rowFromJson(line: string, jsonPaths: Record<string, string>): Record<string, unknown> {
  const input = JSON.parse(line) as unknown;
  if (!Object.keys(jsonPaths).length) return input as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [column, jsonPath] of Object.entries(jsonPaths)) {
    const v = valueAt(input, jsonPath);
    if (v !== undefined) row[column] = v;
  }
  return row;
}

export interface FixtureLoad {
  table: string;
  file: string;
  rows: number;
  error?: EngineError;
}

/** Appends NDJSON text to a table, applying its json paths. */
export async function appendNdjson(engine: EngineRequester, table: TableDef, text: string): Promise<{ rows: number; error?: EngineError }> {
  const lines = text.split('\n').filter((l) => l.trim());
  const data = lines.map((l) => JSON.stringify(rowFromJson(l, table.jsonPaths))).join('\n');
  return engine.request({ op: 'append', table: quoteIdentifier(table.name), format: 'JSONEachRow', data: `${data}\n` });
}

/** Appends CSV text; a first line naming the table's columns is a header. */
export async function appendCsv(engine: EngineRequester, table: TableDef, text: string): Promise<{ rows: number; error?: EngineError }> {
  const first = text.split('\n', 1)[0].split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
  const header = first.every((c) => table.columns.includes(c));
  return engine.request({ op: 'append', table: quoteIdentifier(table.name), format: header ? 'CSVWithNames' : 'CSV', data: text });
}

/** Loads `<root>/fixtures/<table>.ndjson|.csv` for every table that has one. */
export async function loadFixtures(engine: EngineRequester, root: string, tables: readonly TableDef[]): Promise<FixtureLoad[]> {
  const dir = path.join(root, 'fixtures');
  if (!fs.existsSync(dir)) return [];
  const loads: FixtureLoad[] = [];
  for (const table of tables) {
    if (table.origin !== 'datasource' && table.origin !== 'inline') continue;
    for (const ext of FIXTURE_FORMATS) {
      const file = path.join(dir, `${table.name}.${ext}`);
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const result = ext === 'ndjson' ? await appendNdjson(engine, table, text) : await appendCsv(engine, table, text);
      loads.push({ table: table.name, file, ...result });
    }
  }
  return loads;
}
