// Pipes run offline: a fresh engine with the project's tables, materialized views installed (so
// every insert fires them, chains included), fixtures loaded, then each pipe in order: a copy writes
// its target (COPY_MODE append or replace), an endpoint (or a chosen node) returns its rows.
import type { FileFacts, NodeFacts } from '../workspace/facts';
import { endpointNode } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { EngineRequester } from './client';
import { loadFixtures, type FixtureLoad } from './fixtures';
import { nodeQuery, type Variables } from './nodeQuery';
import type { QueryResult } from '../protocol';
import type { EngineError } from './protocol';
import { projectTables, quoteIdentifier, type TableDef, type TableOptions } from './tables';

export class RunError extends Error {}

export interface RunSession {
  engine: EngineRequester;
  index: WorkspaceIndex;
  tables: Map<string, TableDef>;
  tableNames: Set<string>;
  /** `pipe.node` of every materialized node installed as a view. */
  views: string[];
  /** Materialized nodes not installed, with why. */
  skippedViews: { node: string; reason: string }[];
  fixtures: FixtureLoad[];
}

function describeError(what: string, error: EngineError): RunError {
  return new RunError(`${what}: ${error.name}: ${error.message}`);
}

/** Creates the tables and views and loads the fixtures of the project at `root`. */
export async function prepareRun(engine: EngineRequester, index: WorkspaceIndex, root: string, options: TableOptions = {}): Promise<RunSession> {
  const { tables } = projectTables(index, options);
  const created = await engine.request({ op: 'createTables', tables: tables.map(({ name, sql }) => ({ name, sql })) });
  if (created.failed.length) throw describeError(`table ${created.failed[0].name}`, created.failed[0].error);
  const session: RunSession = { engine, index, tables: new Map(tables.map((t) => [t.name, t])), tableNames: new Set(created.created), views: [], skippedViews: [], fixtures: [] };
  const pipes = [...index.all()].filter((f) => f.role === 'pipe').sort((a, b) => a.path.localeCompare(b.path));
  for (const pipe of pipes) {
    for (const { node, via } of index.nodesOf(pipe)) {
      if (via || node.type !== 'materialized' || !node.target) continue;
      const key = `${pipe.name}.${node.name}`;
      const query = nodeQuery(index, pipe, node.name, { tables: session.tableNames, variables: {} });
      if (!query) {
        session.skippedViews.push({ node: key, reason: 'its template fails or it reads a name the project does not define' });
        continue;
      }
      const view = quoteIdentifier(`${pipe.name}__${node.name}`);
      const { error } = await engine.request({ op: 'run', sql: `CREATE MATERIALIZED VIEW ${view} TO ${quoteIdentifier(node.target.name)} AS ${query.sql}` });
      if (error) session.skippedViews.push({ node: key, reason: `${error.name}: ${error.message}` });
      else session.views.push(key);
    }
  }
  session.fixtures = await loadFixtures(engine, root, tables);
  const failed = session.fixtures.find((f) => f.error);
  if (failed?.error) throw describeError(`fixture ${failed.file}`, failed.error);
  return session;
}

/** Runs a statement (CREATE, TRUNCATE…), throwing ClickHouse's error. */
export async function execute(session: RunSession, sql: string, what: string): Promise<void> {
  const { error } = await session.engine.request({ op: 'run', sql });
  if (error) throw describeError(what, error);
}

export async function select(session: RunSession, sql: string, what: string): Promise<QueryResult> {
  const { result, error } = await session.engine.request({ op: 'run', sql });
  if (error) throw describeError(what, error);
  if (!result) throw new RunError(`${what}: not a query (SELECT or WITH)`);
  return result;
}

function resolved(session: RunSession, pipe: FileFacts, node: NodeFacts, variables: Variables): string {
  const query = nodeQuery(session.index, pipe, node.name, { tables: session.tableNames, variables });
  if (!query) throw new RunError(`${pipe.name}.${node.name} cannot be resolved: its template (or one it reads) fails, or it reads a name the project does not define`);
  return query.sql;
}

/** Inserts a copy node's rows into its target, by column name; replace mode empties the target first. */
async function runCopy(session: RunSession, pipe: FileFacts, node: NodeFacts, variables: Variables): Promise<QueryResult> {
  const target = node.target!.name;
  const table = session.tables.get(target);
  if (!table) throw new RunError(`${pipe.name}.${node.name}: the target datasource ${target} is not in the project`);
  const sql = resolved(session, pipe, node, variables);
  const rows = await select(session, sql, `${pipe.name}.${node.name}`);
  const columns = rows.meta.map((m) => m.name).filter((n) => table.columns.includes(n)).map(quoteIdentifier).join(', ');
  const mode = (node.copyMode ?? 'append').toLowerCase();
  if (mode === 'replace') await execute(session, `TRUNCATE TABLE ${quoteIdentifier(target)}`, `replacing ${target}`);
  const { error } = await session.engine.request({ op: 'run', sql: `INSERT INTO ${quoteIdentifier(target)} (${columns}) SELECT ${columns} FROM (${sql}\n)` });
  if (error) throw describeError(`copy into ${target}`, error);
  return rows;
}

export interface RunOptions {
  node?: string;
  variables?: Variables;
}

/**
 * Runs one pipe and returns its result: the rows a copy wrote, the rows of the endpoint (or of
 * `options.node`), or the target of a materialized pipe.
 */
export async function runPipe(session: RunSession, pipe: FileFacts, options: RunOptions = {}): Promise<QueryResult> {
  const variables = options.variables ?? {};
  const nodes = session.index.nodesOf(pipe).map((n) => n.node);
  if (options.node) {
    const node = nodes.find((n) => n.name === options.node);
    if (!node) throw new RunError(`${pipe.name} has no node ${options.node}`);
    return select(session, resolved(session, pipe, node, variables), `${pipe.name}.${node.name}`);
  }
  const copy = nodes.find((n) => n.type === 'copy' && n.target);
  if (copy) return runCopy(session, pipe, copy, variables);
  const endpoint = endpointNode(session.index, pipe);
  if (endpoint) return select(session, resolved(session, pipe, endpoint, variables), `${pipe.name}.${endpoint.name}`);
  const materialized = nodes.find((n) => n.type === 'materialized' && n.target);
  if (materialized) return select(session, `SELECT * FROM ${quoteIdentifier(materialized.target!.name)}`, materialized.target!.name);
  throw new RunError(`${pipe.name} has no endpoint, copy or materialized node to run (use --node)`);
}
