// The engine process (dist/engine.js): owns one chDB session and answers EngineRequests over IPC.
// chDB is loaded here only, never in the language server or a worker thread.
import * as fs from 'node:fs';
import { parseEngineError, type AnalyseQuery, type AnalyseResult, type EngineError, type EngineLimits, type EngineRequest, type EngineResponses, type FromEngine, type ToEngine } from './protocol';
import type { QueryResult } from '../protocol';
import { quoteIdentifier } from './tables';

interface ChdbSession {
  query(sql: string, format?: string): string;
  cleanup(): void;
}

/** Session settings: the limits, plus what Tinybird's ClickHouse accepts and 26.7 does not by default. */
function sessionSettings(limits: EngineLimits): string[] {
  return [
    `max_execution_time = ${limits.maxExecutionTime}`,
    `max_memory_usage = ${limits.maxMemoryUsage}`,
    'joined_subquery_requires_alias = 0',
  ];
}

class Engine {
  constructor(private readonly session: ChdbSession) {}

  private attempt(sql: string, format?: string): { text: string } | { error: EngineError } {
    try {
      return { text: this.session.query(sql, format) };
    } catch (e) {
      return { error: parseEngineError((e as Error).message) };
    }
  }

  createTables(tables: { name: string; sql: string }[]): EngineResponses['createTables'] {
    const start = performance.now();
    const created: string[] = [];
    const failed: { name: string; error: EngineError }[] = [];
    for (const t of tables) {
      const r = this.attempt(t.sql);
      if ('error' in r) failed.push({ name: t.name, error: r.error });
      else created.push(t.name);
    }
    return { created, failed, ms: performance.now() - start };
  }

  private describe(sql: string): { name: string; type: string; default_type: string }[] | EngineError {
    const r = this.attempt(`DESCRIBE ${sql}`, 'JSONEachRow');
    if ('error' in r) return r.error;
    return r.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: string; type: string; default_type: string });
  }

  private analyseOne(q: AnalyseQuery): AnalyseResult {
    const start = performance.now();
    const prefix = 'EXPLAIN QUERY TREE ';
    const explained = this.attempt(`${prefix}${q.sql}`);
    if ('error' in explained) {
      const position = /failed at position (\d+)/.exec(explained.error.message);
      const offset = position ? Number(position[1]) - 1 - prefix.length : undefined;
      const error = offset !== undefined && offset >= 0 ? { ...explained.error, offset } : explained.error;
      return { key: q.key, error, ms: performance.now() - start };
    }
    const result: AnalyseResult = { key: q.key, ms: 0 };
    if (q.target) {
      const output = this.describe(`(${q.sql}\n)`);
      if (!Array.isArray(output)) return { key: q.key, error: output, ms: performance.now() - start };
      result.columns = output.map(({ name, type }) => ({ name, type }));
      const target = this.describe(`TABLE ${q.target}`);
      if (Array.isArray(target)) {
        const insertable = new Set(target.filter((c) => c.default_type !== 'MATERIALIZED' && c.default_type !== 'ALIAS').map((c) => c.name));
        const common = output.map((c) => c.name).filter((n) => insertable.has(n)).map(quoteIdentifier).join(', ');
        if (common) {
          const r = this.attempt(`EXPLAIN PIPELINE INSERT INTO ${q.target} (${common}) SELECT ${common} FROM (${q.sql}\n)`);
          if ('error' in r) result.targetError = r.error;
        }
      }
    }
    result.ms = performance.now() - start;
    return result;
  }

  analyse(queries: AnalyseQuery[]): EngineResponses['analyse'] {
    return { results: queries.map((q) => this.analyseOne(q)) };
  }

  run(sql: string): EngineResponses['run'] {
    const isQuery = /^\s*(\(|with\b|select\b|describe\b|desc\b|show\b|explain\b)/i.test(sql);
    const r = this.attempt(sql, isQuery ? 'JSON' : undefined);
    if ('error' in r) return { error: r.error };
    if (!isQuery) return {};
    const json = JSON.parse(r.text) as QueryResult;
    return { result: { meta: json.meta, data: json.data, rows: json.rows, statistics: json.statistics } };
  }

  append(table: string, format: string, data: string): EngineResponses['append'] {
    const before = this.count(table);
    const settings = 'input_format_skip_unknown_fields = 1, date_time_input_format = \'best_effort\', input_format_null_as_default = 1';
    const r = this.attempt(`INSERT INTO ${table} SETTINGS ${settings} FORMAT ${format}\n${data}`);
    if ('error' in r) return { rows: 0, error: r.error };
    return { rows: this.count(table) - before };
  }

  private count(table: string): number {
    const r = this.attempt(`SELECT count() AS c FROM ${table}`, 'JSONEachRow');
    return 'error' in r ? 0 : Number((JSON.parse(r.text) as { c: string | number }).c);
  }

  /** Answers a request; with `database`, in that database (the session returns to `default` afterwards). */
  handleIn(database: string | undefined, request: EngineRequest): unknown {
    if (!database) return this.handle(request);
    this.session.query(`USE ${quoteIdentifier(database)}`);
    try {
      return this.handle(request);
    } finally {
      this.session.query('USE default');
    }
  }

  private handle(request: EngineRequest): unknown {
    switch (request.op) {
      case 'createTables':
        return this.createTables(request.tables);
      case 'analyse':
        return this.analyse(request.queries);
      case 'run':
        return this.run(request.sql);
      case 'append':
        return this.append(request.table, request.format, request.data);
      case 'memory':
        return { rssBytes: process.memoryUsage.rss() } satisfies EngineResponses['memory'];
      case 'close':
        return {};
    }
  }
}

function send(message: FromEngine, then?: () => void): void {
  process.send?.(message, undefined, undefined, then);
}

let engine: Engine | undefined;
let session: ChdbSession | undefined;
let dataDir: string | undefined;

function shutdown(code: number): never {
  try {
    session?.cleanup();
  } catch {
    // the directory is removed below either way
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

process.on('message', (message: ToEngine) => {
  if ('init' in message) {
    const start = performance.now();
    dataDir = message.init.dataDir;
    const { Session } = require('chdb') as { Session: new (dir: string) => ChdbSession };
    session = new Session(dataDir);
    for (const s of sessionSettings(message.init.limits)) session.query(`SET ${s}`);
    engine = new Engine(session);
    send({ id: 0, ready: true, ms: performance.now() - start });
    return;
  }
  try {
    if (!engine) throw new Error('engine not initialised');
    const response = engine.handleIn(message.database, message.request);
    const closing = message.request.op === 'close';
    send({ id: message.id, ok: true, response }, closing ? () => shutdown(0) : undefined);
  } catch (e) {
    send({ id: message.id, ok: false, message: (e as Error).message });
  }
});
process.on('disconnect', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
