// A Tinybird classic API test server: a real HTTP server on 127.0.0.1 (random port) implementing the
// documented contract (reference §6) for every endpoint the commands use. It validates requests as the API
// does (Bearer auth, form/JSON/multipart bodies, required parameters), keeps workspace state, records every
// request, and can inject failures. It also refuses tokens in URLs, which the extension must never send.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: http.IncomingHttpHeaders;
  form?: Record<string, string>;
  json?: unknown;
  multipart?: { fields: Record<string, string>; files: Array<{ field: string; fileName: string; content: string }> };
  text?: string;
}

export interface QueryResponse {
  meta: Array<{ name: string; type: string }>;
  data: Array<Record<string, unknown>>;
  rows: number;
  statistics: { elapsed: number; rows_read: number; bytes_read: number };
}

interface Datasource {
  id: string;
  name: string;
  schema: string;
  description: string;
  engine?: string;
  /** ENGINE_* arguments as created (`sorting_key`, `ver`…); alter cannot change them. */
  engineArgs: Record<string, string>;
  ttl?: string;
  /** INDEXES lines (`name expr TYPE t GRANULARITY n`) joined by '\n'. */
  indexes: string;
  /** Connector settings set with `PUT /v0/datasources/<name>`. */
  settings: Record<string, string>;
  rows: number;
}

interface PipeNode {
  id: string;
  name: string;
  node_type: string;
  sql: string;
}

interface Pipe {
  id: string;
  name: string;
  type: string;
  nodes: PipeNode[];
  copy_target_datasource?: string;
  schedule: { cron: string } | null;
  copyMode?: string;
}

interface JobState {
  id: string;
  kind: string;
  polls: number;
  cancelled: boolean;
  rowCount: number;
  error?: string;
}

interface Fault {
  method?: string;
  path: RegExp;
  where?: (r: RecordedRequest) => boolean;
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  times: number;
}

export interface EndpointBehaviour {
  required?: string[];
  respond?: (params: Record<string, string>) => QueryResponse;
}

const DOCS = 'https://www.tinybird.co/docs/api-reference';
const ENGINES = ['MergeTree', 'ReplacingMergeTree', 'SummingMergeTree', 'AggregatingMergeTree', 'CollapsingMergeTree', 'VersionedCollapsingMergeTree', 'Join', 'Null'];
const NODE_TYPES = ['standard', 'default', 'endpoint', 'materialized', 'copy', 'sink', 'stream'];
/** Import-connector settings under their API names (§2.5); Kafka ones are every `kafka_*`. */
const IMPORT_SETTINGS = ['service', 'mode', 'connection', 'cron', 'query', 'external_data_source', 'bucket_uri', 'from_time', 'dynamodb_table_arn', 'dynamodb_export_bucket'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function queryResponse(meta: QueryResponse['meta'], data: QueryResponse['data']): QueryResponse {
  return { meta, data, rows: data.length, statistics: { elapsed: 0.0012, rows_read: data.length * 10, bytes_read: data.length * 640 } };
}

export class TinybirdApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly datasources = new Map<string, Datasource>();
  readonly pipes = new Map<string, Pipe>();
  readonly jobs = new Map<string, JobState>();
  readonly tokens = new Map<string, { name: string; token: string; scopes: Array<{ type: string; resource?: string }> }>();
  /** Datafile texts served by `GET /v0/pipes/<p>.pipe` and `/v0/datasources/<d>.datasource`, keyed `pipe:<name>` / `datasource:<name>`. */
  readonly datafiles = new Map<string, string>();
  readonly endpoints = new Map<string, EndpointBehaviour>();
  /** Rows a copy job of the pipe reports, or the error it fails with. */
  readonly copyOutcomes = new Map<string, { rows?: number; error?: string }>();
  /** Polls of `GET /v0/jobs/<id>` before a job is done. */
  jobPollsUntilDone = 2;
  sqlResult: (q: string, query: Record<string, string[]>) => QueryResponse = (q) => queryResponse([{ name: 'q', type: 'String' }], [{ q }]);
  private faults: Fault[] = [];
  private server!: http.Server;
  url = '';

  private constructor(
    readonly token: string,
    private readonly serveLocalTokens: boolean,
  ) {}

  static async start(options: { token?: string; localTokens?: boolean } = {}): Promise<TinybirdApiServer> {
    const s = new TinybirdApiServer(options.token ?? `p.test-${randomUUID()}`, options.localTokens ?? true);
    s.server = http.createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests matching answer `status` (with an `{error}` body unless `body` is given), after `delayMs`. */
  fail(match: { method?: string; path: RegExp; where?: (r: RecordedRequest) => boolean }, response: { status: number; error?: string; body?: string; headers?: Record<string, string>; delayMs?: number; reset?: boolean }, times = 1): void {
    const body = response.body ?? (response.error === undefined ? undefined : JSON.stringify({ error: response.error, documentation: `${DOCS}/errors` }));
    this.faults.push({ ...match, status: response.status, body, headers: response.headers, delayMs: response.delayMs, reset: response.reset, times });
  }

  /** Forgets recorded requests and pending failures (workspace state is kept). */
  reset(): void {
    this.requests.length = 0;
    this.faults = [];
  }

  /** "METHOD /path" of every recorded request, for order assertions. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  addDatasource(name: string, schema = '`id` String'): Datasource {
    const ds: Datasource = { id: `t_${randomUUID().slice(0, 8)}`, name, schema, description: '', engineArgs: {}, indexes: '', settings: {}, rows: 0 };
    this.datasources.set(name, ds);
    return ds;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query, headers: req.headers };
    this.requests.push(rec);

    let parseError: unknown;
    await this.parseBody(rec, raw).catch((err: unknown) => (parseError = err));
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === rec.method) && f.path.test(rec.path) && (!f.where || f.where(rec)));
    if (fault && !parseError) {
      fault.times--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed) return;
      if (fault.reset) {
        req.socket.destroy();
        return;
      }
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? '');
      return;
    }
    try {
      if (parseError) throw parseError;
      const out = this.route(rec);
      if (typeof out === 'string') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(out);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      }
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (err as Error).message, documentation: `${DOCS}/errors` }));
    }
  }

  private async parseBody(rec: RecordedRequest, raw: Buffer): Promise<void> {
    if (!raw.length) return;
    const type = String(rec.headers['content-type'] ?? '');
    if (type.startsWith('application/x-www-form-urlencoded')) rec.form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    else if (type.startsWith('application/json')) {
      try {
        rec.json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'Invalid JSON body');
      }
    } else if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      const fields: Record<string, string> = {};
      const files: Array<{ field: string; fileName: string; content: string }> = [];
      for (const [k, v] of form) {
        if (typeof v === 'string') fields[k] = v;
        else files.push({ field: k, fileName: v.name, content: await v.text() });
      }
      rec.multipart = { fields, files };
    } else rec.text = raw.toString('utf8');
  }

  private authorize(rec: RecordedRequest): void {
    if (rec.query.token) throw new HttpError(400, 'test server: a token was sent in the URL');
    const auth = rec.headers.authorization;
    if (!auth) throw new HttpError(403, 'You need to provide a token. Use the Authorization header');
    if (auth !== `Bearer ${this.token}`) throw new HttpError(403, 'Invalid token');
  }

  private route(rec: RecordedRequest): unknown {
    const { method, path } = rec;
    if (method === 'GET' && path === '/tokens') {
      if (!this.serveLocalTokens) throw new HttpError(404, 'Not found');
      return { user_token: 'u', admin_token: 'a', workspace_admin_token: this.token };
    }
    this.authorize(rec);
    const routes: Array<[string, RegExp, (m: RegExpExecArray) => unknown]> = [
      ['GET', /^\/v0\/workspace$/, () => ({ id: 'ws-1', name: 'Tinybird_Local_Testing', user_email: 'dev@example.com', user_id: 'u-1', scope: 'admin' })],
      ['GET', /^\/v0\/datasources\/([^/]+)\.datasource$/, (m) => this.datafile('datasource', m[1])],
      ['GET', /^\/v0\/datasources\/([^/]+)$/, (m) => this.getDatasource(m[1])],
      ['POST', /^\/v0\/datasources$/, () => (rec.query.mode ? this.append(rec) : this.createDatasource(rec))],
      ['PUT', /^\/v0\/datasources\/([^/]+)$/, (m) => this.updateDatasource(rec, m[1])],
      ['DELETE', /^\/v0\/datasources\/([^/]+)$/, (m) => this.dropDatasource(m[1])],
      ['POST', /^\/v0\/datasources\/([^/]+)\/alter$/, (m) => this.alter(rec, m[1])],
      ['GET', /^\/v0\/pipes\/([^/]+)\.pipe$/, (m) => this.datafile('pipe', m[1])],
      ['GET', /^\/v0\/pipes\/([^/]+)\.json$/, (m) => this.queryEndpoint(m[1], flat(rec.query))],
      ['POST', /^\/v0\/pipes\/([^/]+)\.json$/, (m) => this.queryEndpoint(m[1], this.requireForm(rec))],
      ['GET', /^\/v0\/pipes\/([^/.]+)$/, (m) => this.pipeJson(this.findPipe(m[1]))],
      ['POST', /^\/v0\/pipes$/, () => this.createPipe(rec)],
      ['POST', /^\/v0\/pipes\/([^/]+)\/nodes\/([^/]+)\/endpoint$/, (m) => this.publish(m[1], m[2])],
      ['PUT', /^\/v0\/pipes\/([^/]+)\/nodes\/([^/]+)\/copy$/, (m) => this.updateCopy(rec, m[1], m[2])],
      ['POST', /^\/v0\/pipes\/([^/]+)\/copy$/, (m) => this.runCopy(rec, m[1])],
      ['GET', /^\/v0\/jobs\/([^/]+)$/, (m) => this.job(m[1])],
      ['POST', /^\/v0\/jobs\/([^/]+)\/cancel$/, (m) => this.cancelJob(m[1])],
      ['GET', /^\/v0\/sql$/, () => this.sql(one(rec.query, 'q'), rec.query)],
      ['POST', /^\/v0\/sql$/, () => this.sql(rec.text ?? '', rec.query)],
      ['GET', /^\/v0\/tokens$/, () => ({ tokens: [...this.tokens.values()] })],
      ['POST', /^\/v0\/tokens$/, () => this.createToken(rec)],
      ['PUT', /^\/v0\/tokens\/([^/]+)$/, (m) => this.alterToken(rec, m[1])],
    ];
    for (const [verb, re, fn] of routes) {
      const m = re.exec(path);
      if (m && verb === method) return fn(m);
    }
    throw new HttpError(404, `Unknown endpoint ${method} ${path}`);
  }

  private requireForm(rec: RecordedRequest): Record<string, string> {
    if (!rec.form) throw new HttpError(400, 'Expected an application/x-www-form-urlencoded body');
    return rec.form;
  }

  private getDatasource(name: string): unknown {
    const ds = this.datasources.get(name);
    if (!ds) throw new HttpError(404, `Data Source "${name}" does not exist`);
    const engine = { engine: ds.engine ?? 'MergeTree', ...ds.engineArgs, ...(ds.ttl ? { ttl: ds.ttl } : {}) };
    const indexes = ds.indexes ? ds.indexes.split('\n').map(parseIndex) : [];
    return { id: ds.id, name: ds.name, description: ds.description, engine, schema: { sql_schema: ds.schema }, indexes };
  }

  private createDatasource(rec: RecordedRequest): unknown {
    const f = this.requireForm(rec);
    if (!f.name || !/^[A-Za-z_][\w]*$/.test(f.name)) throw new HttpError(400, 'Invalid Data Source name');
    if (!f.schema) throw new HttpError(400, 'Missing schema');
    if (!/^`[^`]+` \S/.test(f.schema)) throw new HttpError(400, `Invalid schema: ${f.schema.slice(0, 40)}`);
    if (f.format && !['csv', 'ndjson'].includes(f.format)) throw new HttpError(400, `Invalid format ${f.format}`);
    if (this.datasources.has(f.name)) throw new HttpError(409, `Data Source "${f.name}" already exists`);
    const engine = f.engine ?? 'MergeTree';
    const known = ENGINES.find((e) => e.toLowerCase() === engine.toLowerCase());
    if (!known) throw new HttpError(400, `Engine ${engine} is not supported, supported engines include: ${ENGINES.join(', ')}`);
    if (['ReplacingMergeTree', 'AggregatingMergeTree', 'CollapsingMergeTree'].includes(known)) {
      if (!f.engine_sorting_key) throw new HttpError(400, "Missing required option 'sorting_key'");
      if (f.engine_sorting_key === 'tuple()') throw new HttpError(400, "'tuple()' is not a valid sorting key");
    }
    for (const param of ['engine_ver', 'engine_is_deleted', 'engine_sign']) {
      const col = f[param];
      if (col && !f.schema.includes(`\`${col}\``)) throw new HttpError(400, `Invalid value '${col}' for parameter '${param}', reason: '${col}' column is not present in schema`);
    }
    const ds = this.addDatasource(f.name, f.schema);
    ds.engine = known;
    ds.description = f.description ?? '';
    ds.ttl = f.engine_ttl;
    ds.indexes = f.indexes ?? '';
    ds.engineArgs = Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('engine_') && k !== 'engine_ttl').map(([k, v]) => [k.slice(7), v]));
    return { datasource: { id: ds.id, name: ds.name } };
  }

  /** The SQL operations that turn the datasource into the sent definition, and the pipes reading it; `dry=false` applies them. */
  private alter(rec: RecordedRequest, name: string): unknown {
    const f = this.requireForm(rec);
    const ds = this.datasources.get(name);
    if (!ds) throw new HttpError(404, `Data Source "${name}" does not exist`);
    if (f.dry !== 'true' && f.dry !== 'false') throw new HttpError(400, 'dry must be true or false');
    if ([f.schema, f.description, f.ttl, f.indexes].every((v) => v === undefined)) throw new HttpError(400, 'Nothing to alter: send schema, description, ttl or indexes');
    const operations = [
      ...(f.schema ? schemaOperations(ds.schema, f.schema) : []),
      ...(f.ttl !== undefined && f.ttl !== (ds.ttl ?? '') ? [f.ttl ? `MODIFY TTL ${f.ttl}` : 'REMOVE TTL'] : []),
      ...(f.indexes !== undefined ? indexOperations(ds.indexes, f.indexes) : []),
    ];
    // The real API refuses an alter that changes nothing, dry run or not.
    if (!operations.length && (f.description === undefined || f.description === ds.description))
      throw new HttpError(400, 'There were no operations to perform, new schema, ttl and indexes are the same as the existing ones.');
    if (f.dry === 'false') {
      if (f.schema) ds.schema = f.schema;
      if (f.ttl !== undefined) ds.ttl = f.ttl || undefined;
      if (f.indexes !== undefined) ds.indexes = f.indexes;
      if (f.description !== undefined) ds.description = f.description;
    }
    const dependencies = [...this.pipes.values()].filter((p) => p.nodes.some((n) => new RegExp(`\\b${name}\\b`).test(n.sql))).map((p) => p.name).sort();
    return { operations, dependencies, datasource: { id: ds.id, name } };
  }

  private dropDatasource(name: string): unknown {
    if (!this.datasources.delete(name)) throw new HttpError(404, `Data Source "${name}" does not exist`);
    return '';
  }

  /** Connector settings of an existing datasource: only Kafka and import-connector parameters are accepted. */
  private updateDatasource(rec: RecordedRequest, name: string): unknown {
    const f = this.requireForm(rec);
    const ds = this.datasources.get(name);
    if (!ds) throw new HttpError(404, `Data Source "${name}" does not exist`);
    const unknown = Object.keys(f).filter((k) => !k.startsWith('kafka_') && !IMPORT_SETTINGS.includes(k));
    if (unknown.length) throw new HttpError(400, `Invalid parameter(s) for a Data Source update: ${unknown.join(', ')}`);
    if (f.cron && !['@once', '@auto'].includes(f.cron) && f.cron.trim().split(/\s+/).length !== 5) throw new HttpError(400, `Invalid cron expression: '${f.cron}'`);
    ds.settings = { ...ds.settings, ...f };
    return this.getDatasource(name);
  }

  private append(rec: RecordedRequest): unknown {
    const name = one(rec.query, 'name');
    const mode = one(rec.query, 'mode');
    const format = one(rec.query, 'format');
    if (mode !== 'append') throw new HttpError(400, `Invalid mode ${mode}`);
    if (!['ndjson', 'csv'].includes(format)) throw new HttpError(400, `Invalid format ${format}`);
    if (!rec.multipart) throw new HttpError(400, 'Expected a multipart/form-data body');
    const file = rec.multipart.files.find((f) => f.field === format);
    if (!file) throw new HttpError(400, `Expected a file in the "${format}" field`);
    const ds = this.datasources.get(name);
    if (!ds) throw new HttpError(404, `Data Source "${name}" does not exist`);
    const lines = file.content.split(/\r?\n/).filter((l) => l.trim());
    let invalid = 0;
    if (format === 'ndjson')
      for (const l of lines) {
        try {
          JSON.parse(l);
        } catch {
          invalid++;
        }
      }
    ds.rows += lines.length - invalid - (format === 'csv' ? 1 : 0);
    return { datasource: { id: ds.id, name }, import_id: randomUUID(), invalid_lines: invalid, quarantine_rows: 0, error: false };
  }

  private findPipe(nameOrId: string): Pipe {
    const p = this.pipes.get(nameOrId) ?? [...this.pipes.values()].find((x) => x.id === nameOrId);
    if (!p) throw new HttpError(404, `Pipe "${nameOrId}" does not exist`);
    return p;
  }

  private pipeJson(p: Pipe): unknown {
    return { id: p.id, name: p.name, type: p.type, nodes: p.nodes.map(({ id, name, node_type }) => ({ id, name, node_type })), copy_target_datasource: p.copy_target_datasource ?? null, schedule: p.schedule };
  }

  private createPipe(rec: RecordedRequest): unknown {
    if (rec.json === undefined) throw new HttpError(400, 'Expected an application/json body');
    const body = rec.json as { name?: unknown; nodes?: unknown; target_datasource?: unknown };
    if (typeof body.name !== 'string' || !body.name) throw new HttpError(400, 'Missing pipe name');
    if (!Array.isArray(body.nodes) || !body.nodes.length) throw new HttpError(400, 'A pipe needs at least one node');
    if (this.pipes.has(body.name) && one(rec.query, 'force', '') !== 'true') throw new HttpError(409, `Pipe "${body.name}" already exists`);
    const nodes: PipeNode[] = [];
    let type = 'default';
    let target: Datasource | undefined;
    let copyMode: string | undefined;
    for (const n of body.nodes as Array<Record<string, unknown>>) {
      if (typeof n.name !== 'string' || !n.name) throw new HttpError(400, 'Every node needs a name');
      if (typeof n.sql !== 'string' || !n.sql.trim()) throw new HttpError(400, `node ${n.name} must have a SQL query`);
      if (n.name === body.name) throw new HttpError(400, `Error in node '${n.name}'. The Pipe is already using that name.`);
      if (nodes.some((x) => x.name === n.name)) throw new HttpError(400, `Duplicated node name ${n.name}`);
      const nodeType = String(n.type ?? 'standard').toLowerCase();
      if (!NODE_TYPES.includes(nodeType)) throw new HttpError(400, `Invalid node type ${nodeType}`);
      if (nodeType === 'materialized') {
        if (typeof n.datasource !== 'string' || (!this.datasources.has(n.datasource) && !n.engine)) throw new HttpError(400, `Data Source "${String(n.datasource)}" does not exist`);
        type = 'materialized';
      }
      if (nodeType === 'copy') {
        const t = typeof n.target_datasource === 'string' ? this.datasources.get(n.target_datasource) : undefined;
        if (!t) throw new HttpError(400, `Cannot create Copy pipe. Destination Data Source '${String(n.target_datasource)}' does not exist.`);
        if (n.mode !== undefined && !['append', 'replace'].includes(String(n.mode).toLowerCase())) throw new HttpError(400, `Cannot create Copy pipe. Invalid MODE expression: '${String(n.mode)}'. Valid modes are: 'append', 'replace'`);
        target = t;
        copyMode = String(n.mode ?? 'append');
        type = 'copy';
      }
      nodes.push({ id: `t_${randomUUID().slice(0, 12)}`, name: n.name, node_type: nodeType === 'endpoint' ? 'standard' : nodeType, sql: n.sql });
    }
    const previous = this.pipes.get(body.name);
    const pipe: Pipe = { id: previous?.id ?? `t_${randomUUID().slice(0, 12)}`, name: body.name, type, nodes, copy_target_datasource: target?.id, schedule: null, copyMode };
    this.pipes.set(pipe.name, pipe);
    return this.pipeJson(pipe);
  }

  private publish(pipeName: string, nodeId: string): unknown {
    const p = this.findPipe(pipeName);
    const node = p.nodes.find((n) => n.id === nodeId || n.name === nodeId);
    if (!node) throw new HttpError(404, `Node "${nodeId}" does not exist in pipe ${pipeName}`);
    if (p.type !== 'default' && p.type !== 'endpoint') throw new HttpError(403, `Pipe ${pipeName} is a ${p.type} pipe and cannot be published as an endpoint`);
    p.type = 'endpoint';
    node.node_type = 'endpoint';
    return this.pipeJson(p);
  }

  private updateCopy(rec: RecordedRequest, pipeId: string, nodeId: string): unknown {
    const f = this.requireForm(rec);
    const p = this.findPipe(pipeId);
    if (!p.nodes.some((n) => n.id === nodeId && n.node_type === 'copy')) throw new HttpError(404, `Copy node "${nodeId}" does not exist`);
    if (f.mode && !['append', 'replace'].includes(f.mode)) throw new HttpError(400, `Invalid MODE expression: '${f.mode}'`);
    if (f.schedule_cron && f.schedule_cron !== 'None' && f.schedule_cron.trim().split(/\s+/).length !== 5) throw new HttpError(400, `Invalid cron expression: '${f.schedule_cron}'`);
    if (f.target_datasource) {
      const t = this.datasources.get(f.target_datasource);
      if (!t) throw new HttpError(400, `Destination Data Source '${f.target_datasource}' does not exist.`);
      p.copy_target_datasource = t.id;
    }
    p.schedule = f.schedule_cron && f.schedule_cron !== 'None' ? { cron: f.schedule_cron } : null;
    if (f.mode) p.copyMode = f.mode;
    return this.pipeJson(p);
  }

  private runCopy(rec: RecordedRequest, name: string): unknown {
    const p = this.findPipe(name);
    if (p.type !== 'copy') throw new HttpError(400, `The pipe ${name} is not a copy pipe`);
    const mode = rec.query._mode?.[0];
    if (mode && !['append', 'replace'].includes(mode)) throw new HttpError(400, `Invalid mode ${mode}`);
    const outcome = this.copyOutcomes.get(name) ?? {};
    const job: JobState = { id: randomUUID(), kind: 'copy', polls: 0, cancelled: false, rowCount: outcome.rows ?? 0, error: outcome.error };
    this.jobs.set(job.id, job);
    const jobUrl = `${this.url}/v0/jobs/${job.id}`;
    return { id: job.id, job_id: job.id, job_url: jobUrl, job: { id: job.id, job_id: job.id, kind: 'copy', status: 'waiting', job_url: jobUrl }, status: 'waiting', tags: { copy_target_datasource: p.copy_target_datasource } };
  }

  private jobJson(job: JobState): unknown {
    const done = job.polls >= this.jobPollsUntilDone;
    const status = job.cancelled ? 'cancelled' : !done ? (job.polls === 0 ? 'waiting' : 'working') : job.error ? 'error' : 'done';
    return {
      id: job.id,
      job_id: job.id,
      kind: job.kind,
      status,
      progress_percentage: done ? 100 : Math.round((100 * job.polls) / this.jobPollsUntilDone),
      ...(status === 'error' ? { error: job.error, errors: [job.error] } : {}),
      ...(status === 'done' ? { statistics: { row_count: job.rowCount, bytes: job.rowCount * 100 } } : {}),
    };
  }

  private job(id: string): unknown {
    const job = this.jobs.get(id);
    if (!job) throw new HttpError(404, `Job "${id}" does not exist`);
    const out = this.jobJson(job);
    job.polls++;
    return out;
  }

  private cancelJob(id: string): unknown {
    const job = this.jobs.get(id);
    if (!job) throw new HttpError(404, `Job "${id}" does not exist`);
    job.cancelled = true;
    return this.jobJson(job);
  }

  private queryEndpoint(name: string, params: Record<string, string>): unknown {
    const p = this.findPipe(name);
    if (p.type !== 'endpoint') throw new HttpError(404, `The pipe '${name}' does not have an endpoint`);
    const behaviour = this.endpoints.get(name) ?? {};
    for (const r of behaviour.required ?? []) if (!(r in params)) throw new HttpError(400, `[Error] Missing required parameter: ${r}`);
    return behaviour.respond?.(params) ?? queryResponse([{ name: 'param', type: 'String' }, { name: 'value', type: 'String' }], Object.entries(params).map(([param, value]) => ({ param, value })));
  }

  private sql(q: string, query: Record<string, string[]>): unknown {
    if (!q) throw new HttpError(400, 'The q parameter is required');
    const body = q.replace(/^\s*%\s*/, '');
    if (!/^\s*(SELECT|WITH)\b/i.test(body)) throw new HttpError(400, 'Only SELECT queries are supported');
    if (!/\bFORMAT\s+JSON\s*$/i.test(q)) throw new HttpError(400, 'test server: SQL must end in FORMAT JSON');
    if (query.pipeline && !this.pipes.has(query.pipeline[0])) throw new HttpError(404, `Pipe "${query.pipeline[0]}" does not exist`);
    return this.sqlResult(q, query);
  }

  private createToken(rec: RecordedRequest): unknown {
    const name = one(rec.query, 'name');
    const scopes = rec.query.scope ?? [];
    if (!scopes.length) throw new HttpError(400, 'At least one scope is required');
    if (this.tokens.has(name)) throw new HttpError(400, `Token "${name}" already exists`);
    const token = { name, token: `p.${randomUUID()}`, scopes: scopes.map(parseScope) };
    this.tokens.set(name, token);
    return token;
  }

  private alterToken(rec: RecordedRequest, name: string): unknown {
    const token = this.tokens.get(name);
    if (!token) throw new HttpError(404, `Token "${name}" does not exist`);
    token.scopes = (rec.query.scope ?? []).map(parseScope);
    return token;
  }

  private datafile(kind: 'pipe' | 'datasource', name: string): string {
    const text = this.datafiles.get(`${kind}:${name}`);
    if (text !== undefined) return text;
    if (kind === 'pipe') return this.findPipe(name).nodes.map((n) => `NODE ${n.name}\nSQL >\n    ${n.sql}\n`).join('\n');
    const ds = this.datasources.get(name);
    if (!ds) throw new HttpError(404, `Data Source "${name}" does not exist`);
    return `SCHEMA >\n    ${ds.schema}\n`;
  }
}

/** Top-level column definitions of a schema: commas inside brackets, quotes and backticks do not split. */
function columns(schema: string): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let quote = '';
  let start = 0;
  const add = (end: number) => {
    const def = schema.slice(start, end).trim().replace(/\s*`json:[^`]*`/, '');
    const name = /^`([^`]+)`/.exec(def)?.[1];
    if (name) out.set(name, def);
  };
  for (let i = 0; i < schema.length; i++) {
    const c = schema[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '`' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      add(i);
      start = i + 1;
    }
  }
  add(schema.length);
  return out;
}

/** ClickHouse ALTER operations from the current schema to the new one, in the new column order. */
function schemaOperations(current: string, next: string): string[] {
  const before = columns(current);
  const after = columns(next);
  const ops: string[] = [];
  let previous: string | undefined;
  for (const [name, def] of after) {
    if (!before.has(name)) ops.push(`ADD COLUMN ${def} ${previous ? `AFTER \`${previous}\`` : 'FIRST'}`);
    else if (before.get(name) !== def) ops.push(`MODIFY COLUMN ${def}`);
    previous = name;
  }
  for (const name of before.keys()) if (!after.has(name)) ops.push(`DROP COLUMN \`${name}\``);
  return ops;
}

/** `name expr TYPE t GRANULARITY n` as the API lists an index. */
function parseIndex(line: string): { name: string; expr: string; type: string; granularity: string } {
  const m = /^(\S+)\s+(.*)\s+TYPE\s+(.*)\s+GRANULARITY\s+(\S+)$/.exec(line.trim());
  return m ? { name: m[1], expr: m[2], type: m[3], granularity: m[4] } : { name: line.trim(), expr: '', type: '', granularity: '' };
}

function indexOperations(current: string, next: string): string[] {
  const lines = (s: string) => new Set(s.split('\n').map((l) => l.trim()).filter(Boolean));
  const before = lines(current);
  const after = lines(next);
  return [...[...after].filter((l) => !before.has(l)).map((l) => `ADD INDEX ${l}`), ...[...before].filter((l) => !after.has(l)).map((l) => `DROP INDEX ${l.split(/\s/)[0]}`)];
}

function parseScope(scope: string): { type: string; resource?: string } {
  const parts = scope.split(':');
  return parts.length > 2 ? { type: parts.slice(0, 2).join(':'), resource: parts.slice(2).join(':') } : { type: scope };
}

function one(query: Record<string, string[]>, key: string, fallback?: string): string {
  const v = query[key]?.[0];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new HttpError(400, `Missing required parameter: ${key}`);
  }
  return v;
}

function flat(query: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v[v.length - 1]]));
}
