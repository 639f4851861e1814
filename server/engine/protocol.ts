// The messages between a client and the engine process (dist/engine.js), over Node's IPC channel.
// One request at a time is executed; responses carry the request id.
import type { QueryResult } from '../protocol';

export interface EngineLimits {
  /** Seconds, applied to every query of the session. */
  maxExecutionTime: number;
  /** Bytes, applied to every query of the session. */
  maxMemoryUsage: number;
}

/** A ClickHouse error: `UNKNOWN_IDENTIFIER`, its code and message (without the `Code: n. DB::Exception:` prefix). */
export interface EngineError {
  name: string;
  code: number;
  message: string;
  /** Offset in the analysed query where ClickHouse's parser failed, when it says. */
  offset?: number;
}

export interface TableStatement {
  name: string;
  sql: string;
}

export interface AnalyseQuery {
  key: string;
  sql: string;
  /** For a materialized or copy node: the table its output is inserted into. */
  target?: string;
}

export interface AnalyseResult {
  key: string;
  error?: EngineError;
  /** The output could not be inserted into the target (ClickHouse's conversion rules). */
  targetError?: EngineError;
  /** Output columns of a query with a target, when it analysed cleanly. */
  columns?: { name: string; type: string }[];
  ms: number;
}

export type EngineRequest =
  | { op: 'createTables'; tables: TableStatement[] }
  | { op: 'analyse'; queries: AnalyseQuery[] }
  /** A statement or a query; SELECTs return rows. */
  | { op: 'run'; sql: string }
  | { op: 'append'; table: string; format: 'JSONEachRow' | 'CSVWithNames' | 'CSV'; data: string }
  /** The engine process's resident memory (chDB's included). */
  | { op: 'memory' }
  | { op: 'close' };

export interface EngineResponses {
  createTables: { created: string[]; failed: { name: string; error: EngineError }[]; ms: number };
  analyse: { results: AnalyseResult[] };
  run: { result?: QueryResult; error?: EngineError };
  append: { rows: number; error?: EngineError };
  memory: { rssBytes: number };
  close: Record<string, never>;
}

export type EngineOp = EngineRequest['op'];
export type RequestOf<O extends EngineOp> = Extract<EngineRequest, { op: O }>;

/** With `database`, the request's unqualified names are that database's (e.g. a run beside the analysis tables). */
export type ToEngine = { id: number; request: EngineRequest; database?: string } | { id: 0; init: { dataDir: string; limits: EngineLimits } };
export type FromEngine = { id: number; ok: true; response: unknown } | { id: number; ok: false; message: string } | { id: 0; ready: true; ms: number };

/** Parses chDB's `Query failed: Code: 47. DB::Exception: … (UNKNOWN_IDENTIFIER)`. */
export function parseEngineError(raw: string): EngineError {
  const text = raw.replace(/^Query failed:\s*/, '').trim();
  const m = /^Code:\s*(\d+)\.\s*(?:DB::Exception:\s*)?([\s\S]*?)\s*\(([A-Z_0-9]+)\)\s*(?:\(version [^)]*\))?\s*$/.exec(text);
  if (!m) return { name: 'UNKNOWN', code: 0, message: text };
  return { code: Number(m[1]), message: m[2].replace(/\.$/, ''), name: m[3] };
}
