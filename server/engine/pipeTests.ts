// Pipe tests run on the embedded engine: every test file gets a fresh engine with the project's
// tables (TTL left out, or the clock would drop fixture rows), materialized views and fixtures.
import * as path from 'node:path';
import type { WorkspaceIndex } from '../workspace/index';
import { EngineCrashedError, type EngineClient } from './client';
import { nodeQuery } from './nodeQuery';
import type { QueryResult } from '../protocol';
import { endpointNode } from '../workspace/facts';
import { execute, prepareRun, runPipe, RunError, select, type RunSession } from './run';
import type { TestCaseOutcome } from '../protocol';
import { quoteIdentifier } from './tables';
import type { ClassicCase, ForwardCase, TestCase, TestFile } from './testFiles';

/** A case's outcome (the protocol's, which the Test Explorer shows) and its file. */
export type CaseResult = TestCaseOutcome & { file: string };

/** The rows as Tinybird's NDJSON output: one JSON object a line. */
export function toNdjson(rows: readonly Record<string, unknown>[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** A row as a comparable string: keys sorted, so `{"a":1,"b":2}` equals `{"b":2,"a":1}`. */
function canonical(row: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));
}

function parseNdjson(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function sqlAsPipe(sql: string): string {
  return `NODE test_query\nSQL >\n${sql.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
}

function endpointSql(session: RunSession, pipeName: string, params: Record<string, string>): string {
  const pipe = session.index.pipe(pipeName);
  if (!pipe) throw new RunError(`no pipe ${pipeName} in the project`);
  const endpoint = endpointNode(session.index, pipe);
  const query = endpoint && nodeQuery(session.index, pipe, endpoint.name, { tables: session.tableNames, variables: params });
  if (!query) throw new RunError(`${pipeName} has no endpoint that resolves with the parameters ${JSON.stringify(params)}`);
  return query.sql;
}

/**
 * A classic case's SQL, resolved like a node of a pipe of its own (pipe names read their endpoints);
 * with `pipe:`, `_` is that pipe's endpoint called with its params, as in Tinybird's `q` parameter.
 */
async function runClassic(session: RunSession, root: string, testCase: ClassicCase): Promise<Omit<CaseResult, 'file' | 'name' | 'ms'>> {
  const params = testCase.pipe?.params ?? {};
  const tables = new Set(session.tableNames);
  if (testCase.pipe) {
    await execute(session, `CREATE OR REPLACE VIEW \`_\` AS ${endpointSql(session, testCase.pipe.name, params)}`, `pipe ${testCase.pipe.name}`);
    tables.add('_');
  }
  const queryFile = path.join(root, '__tb_datafiles_test__.pipe');
  session.index.update(queryFile, sqlAsPipe(testCase.sql));
  let result: QueryResult;
  try {
    const query = nodeQuery(session.index, session.index.get(queryFile)!, 'test_query', { tables, variables: params });
    if (!query) throw new RunError('the SQL cannot be resolved: it reads a name the project does not define, or a pipe it reads fails to render');
    result = await select(session, query.sql, 'sql');
  } finally {
    session.index.remove(queryFile);
    if (testCase.pipe) await session.engine.request({ op: 'run', sql: 'DROP VIEW IF EXISTS `_`' });
  }
  const failures: string[] = [];
  if (result.rows > 0) failures.push(`returned ${result.rows} row${result.rows === 1 ? '' : 's'} (a classic test passes when its SQL returns none)`);
  if (testCase.maxTime !== undefined && result.statistics.elapsed > testCase.maxTime) failures.push(`took ${result.statistics.elapsed} s, over max_time ${testCase.maxTime} s`);
  if (testCase.maxBytesRead !== undefined && result.statistics.bytes_read > testCase.maxBytesRead) failures.push(`read ${result.statistics.bytes_read} bytes, over max_bytes_read ${testCase.maxBytesRead}`);
  return { passed: failures.length === 0, message: failures.join('; ') || undefined, actual: toNdjson(result.data) };
}

/**
 * A Forward-style case: the endpoint with its parameters, compared row by row (in order) with
 * expected_result; for a copy pipe, the copy runs and its target's rows (ORDER BY ALL) are compared.
 */
async function runForward(session: RunSession, testCase: ForwardCase): Promise<Omit<CaseResult, 'file' | 'name' | 'ms'>> {
  const pipe = session.index.pipe(testCase.pipe);
  if (!pipe) return { passed: false, message: `no pipe ${testCase.pipe} in the project (a Forward-style test file is named after its pipe)` };
  const copyTarget = session.index.nodesOf(pipe).find(({ node }) => node.type === 'copy' && node.target)?.node.target?.name;
  let result: QueryResult;
  try {
    result = await runPipe(session, pipe, { variables: testCase.parameters });
    // A copy pipe is judged by what its target holds afterwards, which shows append vs replace.
    if (copyTarget) result = await select(session, `SELECT * FROM ${quoteIdentifier(copyTarget)} ORDER BY ALL`, copyTarget);
  } catch (e) {
    if (!(e instanceof RunError)) throw e;
    // Any failure of the request stands for an HTTP error status.
    if (testCase.expectedHttpStatus >= 400) return { passed: true };
    return { passed: false, message: `the request failed (expected HTTP ${testCase.expectedHttpStatus}): ${e.message}` };
  }
  const actual = toNdjson(result.data);
  if (testCase.expectedHttpStatus >= 400) return { passed: false, message: `expected HTTP ${testCase.expectedHttpStatus}, the request returned ${result.rows} rows`, actual };
  if (testCase.expectedResult === undefined) return { passed: false, message: 'no expected_result (write it with `tb-datafiles test update`)', actual };
  let expectedRows: Record<string, unknown>[];
  try {
    expectedRows = parseNdjson(testCase.expectedResult);
  } catch (e) {
    return { passed: false, message: `expected_result is not NDJSON: ${(e as Error).message}`, actual };
  }
  const expected = toNdjson(expectedRows);
  const same = expectedRows.length === result.data.length && expectedRows.every((row, k) => canonical(row) === canonical(result.data[k]));
  return same ? { passed: true, expected, actual } : { passed: false, message: 'the rows differ from expected_result', expected, actual };
}

async function runCase(session: RunSession, root: string, testCase: TestCase): Promise<Omit<CaseResult, 'file' | 'name' | 'ms'>> {
  try {
    return testCase.kind === 'classic' ? await runClassic(session, root, testCase) : await runForward(session, testCase);
  } catch (e) {
    if (e instanceof RunError) return { passed: false, message: e.message };
    throw e;
  }
}

/** Runs a file's cases (or those named in `only`) on a fresh engine, which is closed afterwards. */
export async function runTestFile(engine: EngineClient, index: WorkspaceIndex, root: string, file: TestFile, only?: ReadonlySet<string>): Promise<CaseResult[]> {
  const cases = file.cases.filter((c) => !only || only.has(c.name));
  const results: CaseResult[] = [];
  try {
    let session: RunSession | undefined;
    let setupError = file.error;
    if (!setupError && cases.length) {
      try {
        session = await prepareRun(engine, index, root, { ttl: false });
      } catch (e) {
        if (e instanceof RunError) setupError = `the project does not load: ${e.message}`;
        else if (e instanceof EngineCrashedError) setupError = `the engine crashed: ${e.message}`;
        else throw e;
      }
    }
    if (file.error) results.push({ file: file.path, name: '(file)', passed: false, ms: 0, message: file.error });
    for (const testCase of cases) {
      const began = performance.now();
      let outcome: Omit<CaseResult, 'file' | 'name' | 'ms'> = { passed: false, message: setupError };
      if (session) {
        try {
          outcome = await runCase(session, root, testCase);
        } catch (e) {
          if (!(e instanceof EngineCrashedError)) throw e;
          // A restarted engine has the tables but not the views and fixtures: the rest of the file fails too.
          setupError = `the engine crashed: ${e.message}`;
          session = undefined;
          outcome = { passed: false, message: setupError };
        }
      }
      results.push({ file: file.path, name: testCase.name, ms: performance.now() - began, ...outcome });
    }
  } finally {
    await engine.close();
  }
  return results;
}
