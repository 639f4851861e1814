// Typed calls to the Tinybird classic API (reference §6), one method per endpoint the commands use.
import { z } from 'zod';
import { TinybirdApiError } from './errors';
import type { ApiRequest, TinybirdHttp } from './http';
import * as s from './schemas';

/** The CLI switches long GETs to POST with the same parameters (§6.6). */
const MAX_GET_LENGTH = 4096;

type DatafileKind = 'pipe' | 'datasource';
export type Params = Record<string, string>;

const seg = encodeURIComponent;
const ignored = z.unknown();

export class TinybirdApi {
  constructor(readonly http: TinybirdHttp) {}

  get environment(): string {
    return this.http.environment;
  }

  /** Tinybird Local's unauthenticated token listing (§6.8). */
  async localTokens(signal?: AbortSignal): Promise<string> {
    const res = await this.http.json({ method: 'GET', path: '/tokens', auth: false, signal }, s.localTokensSchema);
    return res.workspace_admin_token;
  }

  workspace(signal?: AbortSignal) {
    return this.http.json({ method: 'GET', path: '/v0/workspace', signal }, s.workspaceSchema);
  }

  /** The datasource, or null when it does not exist (404). */
  getDatasource(name: string, signal?: AbortSignal) {
    return orNull(this.http.json({ method: 'GET', path: `/v0/datasources/${seg(name)}`, query: [['attrs', '']], signal }, s.datasourceSchema));
  }

  createDatasource(fields: Params, signal?: AbortSignal) {
    return this.http.json({ method: 'POST', path: '/v0/datasources', body: { kind: 'form', fields }, signal }, ignored);
  }

  alterDatasource(name: string, fields: Params, dry: boolean, signal?: AbortSignal) {
    const body = { kind: 'form' as const, fields: { ...fields, dry: dry ? 'true' : 'false' } };
    return this.http.json({ method: 'POST', path: `/v0/datasources/${seg(name)}/alter`, body, signal }, s.alterSchema);
  }

  /** Drops the datasource and its rows. */
  dropDatasource(name: string, signal?: AbortSignal) {
    return this.http.json({ method: 'DELETE', path: `/v0/datasources/${seg(name)}`, signal }, ignored);
  }

  /** Connector settings (KAFKA_*, IMPORT_* under their API names) of an existing datasource (§6.2). */
  updateDatasource(name: string, fields: Params, signal?: AbortSignal) {
    return this.http.json({ method: 'PUT', path: `/v0/datasources/${seg(name)}`, body: { kind: 'form', fields }, signal }, ignored);
  }

  /** The pipe, or null when it does not exist (404). */
  getPipe(name: string, signal?: AbortSignal) {
    return orNull(this.http.json({ method: 'GET', path: `/v0/pipes/${seg(name)}`, signal }, s.pipeSchema));
  }

  createPipe(body: unknown, force: boolean, signal?: AbortSignal) {
    const query: Array<[string, string]> = [['ignore_sql_errors', 'false'], ['unlink_on_populate_error', 'false']];
    if (force) query.push(['force', 'true']);
    return this.http.json({ method: 'POST', path: '/v0/pipes', query, body: { kind: 'json', value: body }, signal }, s.pipeSchema);
  }

  publishEndpoint(pipe: string, nodeId: string, signal?: AbortSignal) {
    return this.http.json({ method: 'POST', path: `/v0/pipes/${seg(pipe)}/nodes/${seg(nodeId)}/endpoint`, signal }, ignored);
  }

  updateCopy(pipeId: string, nodeId: string, fields: Params, signal?: AbortSignal) {
    const req: ApiRequest = { method: 'PUT', path: `/v0/pipes/${seg(pipeId)}/nodes/${seg(nodeId)}/copy`, body: { kind: 'form', fields }, signal };
    return this.http.json(req, ignored);
  }

  tokens(signal?: AbortSignal) {
    return this.http.json({ method: 'GET', path: '/v0/tokens', signal }, s.tokensSchema);
  }

  createToken(name: string, scope: string, origin: string, resource: string, signal?: AbortSignal) {
    const query: Array<[string, string]> = [['name', name], ['origin', origin], ['resource_id', resource], ['scope', scope]];
    return this.http.json({ method: 'POST', path: '/v0/tokens', query, signal }, ignored);
  }

  alterToken(name: string, scopes: string[], signal?: AbortSignal) {
    const query = scopes.map((sc): [string, string] => ['scope', sc]);
    return this.http.json({ method: 'PUT', path: `/v0/tokens/${seg(name)}`, query, signal }, ignored);
  }

  /** `GET /v0/pipes/<name>.json?<params>`, or POST with a form body when the URL would be too long. */
  queryPipe(name: string, params: Params, signal?: AbortSignal) {
    const path = `/v0/pipes/${seg(name)}.json`;
    const query = Object.entries(params);
    const req: ApiRequest = tooLong(path, query)
      ? { method: 'POST', path, body: { kind: 'form', fields: params }, signal }
      : { method: 'GET', path, query, signal };
    return this.http.json(req, s.querySchema);
  }

  /** `/v0/sql`; the SQL must already end in `FORMAT JSON`. `params` fill templated (`%`) SQL. */
  sql(q: string, options: { pipeline?: string; params?: Params; signal?: AbortSignal } = {}) {
    const extra: Array<[string, string]> = [...(options.pipeline ? [['pipeline', options.pipeline] as [string, string]] : []), ...Object.entries(options.params ?? {})];
    const query: Array<[string, string]> = [['q', q], ...extra];
    const req: ApiRequest = tooLong('/v0/sql', query)
      ? { method: 'POST', path: '/v0/sql', query: extra, body: { kind: 'text', text: q }, signal: options.signal }
      : { method: 'GET', path: '/v0/sql', query, signal: options.signal };
    return this.http.json(req, s.querySchema);
  }

  /** Multipart append of a local file (§6.6): field `ndjson` or `csv`. */
  append(datasource: string, format: 'ndjson' | 'csv', fileName: string, content: Uint8Array, signal?: AbortSignal) {
    const query: Array<[string, string]> = [['name', datasource], ['mode', 'append'], ['format', format]];
    const body = { kind: 'multipart' as const, field: format, fileName, content };
    return this.http.json({ method: 'POST', path: '/v0/datasources', query, body, signal }, s.appendSchema);
  }

  /** `POST /v0/pipes/<pipe>/copy?<params>&_mode=` → the job id. */
  async runCopy(pipe: string, params: Params, mode: 'append' | 'replace' | undefined, signal?: AbortSignal): Promise<string> {
    const query: Array<[string, string]> = Object.entries(params);
    if (mode) query.push(['_mode', mode]);
    const res = await this.http.json({ method: 'POST', path: `/v0/pipes/${seg(pipe)}/copy`, query, signal }, s.jobStartSchema);
    return res.jobId;
  }

  job(id: string, signal?: AbortSignal) {
    return this.http.json({ method: 'GET', path: `/v0/jobs/${seg(id)}`, signal }, s.jobSchema);
  }

  cancelJob(id: string) {
    return this.http.json({ method: 'POST', path: `/v0/jobs/${seg(id)}/cancel` }, ignored);
  }

  /** The datafile text as the environment has it (`tb pull`). */
  datafile(kind: DatafileKind, name: string, signal?: AbortSignal): Promise<string> {
    const path = kind === 'pipe' ? `/v0/pipes/${seg(name)}.pipe` : `/v0/datasources/${seg(name)}.datasource`;
    return this.http.text({ method: 'GET', path, signal });
  }
}

function tooLong(path: string, query: Array<[string, string]>): boolean {
  return path.length + 1 + new URLSearchParams(query).toString().length > MAX_GET_LENGTH;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof TinybirdApiError && err.kind === 'not-found') return null;
    throw err;
  }
}
