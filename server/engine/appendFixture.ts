// Append Fixture Locally: an NDJSON/CSV file appended to a datasource of a prepared run session; its
// materialized views fire (chains included) and what each of their targets gained is reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_FORMATS, type FixtureFormat } from '../workspace/fixtureFiles';
import { appendCsv, appendNdjson } from './fixtures';
import { RunError, select, type RunSession } from './run';

export interface AppendOutcome {
  rows: number;
  /** Rows written into other tables by the materialized views the append fired. */
  written: { table: string; rows: number }[];
}

/** Rows of every table of the session's database, by name. */
async function tableRows(session: RunSession): Promise<Map<string, number>> {
  const result = await select(session, 'SELECT name, total_rows FROM system.tables WHERE database = currentDatabase()', 'table sizes');
  return new Map(result.data.map((row) => [String(row.name), Number(row.total_rows ?? 0)]));
}

export async function appendFixtureFile(session: RunSession, datasource: string, file: string): Promise<AppendOutcome> {
  const table = session.tables.get(datasource);
  if (!table || (table.origin !== 'datasource' && table.origin !== 'inline')) throw new RunError(`no datasource ${datasource} in the project`);
  const format = path.extname(file).slice(1).toLowerCase();
  if (!(FIXTURE_FORMATS as readonly string[]).includes(format)) throw new RunError(`${path.basename(file)} is not an NDJSON or CSV file (${FIXTURE_FORMATS.map((f) => `.${f}`).join(', ')})`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RunError(`cannot read ${file}: ${(e as Error).message}`);
  }
  // Merges would fold the rows of aggregating targets between the two counts; the session is thrown away after.
  const { error } = await session.engine.request({ op: 'run', sql: 'SYSTEM STOP MERGES' });
  if (error) throw new RunError(`stopping merges: ${error.name}: ${error.message}`);
  const before = await tableRows(session);
  const appended = (format as FixtureFormat) === 'ndjson' ? await appendNdjson(session.engine, table, text) : await appendCsv(session.engine, table, text);
  if (appended.error) throw new RunError(`${path.basename(file)} into ${datasource}: ${appended.error.name}: ${appended.error.message}`);
  const after = await tableRows(session);
  const written = [...after]
    .filter(([name, rows]) => name !== datasource && rows > (before.get(name) ?? 0))
    .map(([name, rows]) => ({ table: name, rows: rows - (before.get(name) ?? 0) }))
    .sort((a, b) => a.table.localeCompare(b.table));
  return { rows: appended.rows, written };
}
