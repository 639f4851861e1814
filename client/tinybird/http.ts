// HTTP transport to one Tinybird environment: Bearer auth to that environment's host only, timeouts,
// bounded retries (429 honouring Retry-After, GET on 502/504), `{error, documentation}` bodies mapped to
// TinybirdApiError, and zod validation of JSON responses. Logs method, path, status and duration.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { z } from 'zod';
import { ApiErrorDetails, ApiErrorKind, CancelledError, TinybirdApiError, describeApiError, kindForStatus, redact } from './errors';
import type { Logger } from './log';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RequestBody =
  | { kind: 'form'; fields: Record<string, string> }
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; field: string; fileName: string; content: Uint8Array }
  | { kind: 'text'; text: string };

export interface ApiRequest {
  method: Method;
  /** Path under the host, starting with '/'. Query parameters go in `query`. */
  path: string;
  /** Repeated keys are allowed (token scopes). */
  query?: Array<[string, string]>;
  body?: RequestBody;
  signal?: AbortSignal;
  /** False only for Tinybird Local's unauthenticated `GET /tokens`. */
  auth?: boolean;
}

export interface Target {
  /** Environment name, used in every message. */
  name: string;
  host: string;
  token?: string;
  /** Add the `docker run` hint when the host cannot be reached. */
  isLocal: boolean;
}

export interface HttpOptions {
  logger: Logger;
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Longest Retry-After the client waits for; a longer one fails at once. */
  maxRetryAfterMs: number;
  /** Responses larger than this are refused (and not read further). */
  maxResponseBytes?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpOptions, 'logger'> = { timeoutMs: 30_000, maxRetries: 3, maxRetryAfterMs: 30_000, maxResponseBytes: 100_000_000 };

/** Thrown while reading a body over the cap. */
class ResponseTooLarge extends Error {}

const errorBodySchema = z.object({ error: z.string(), documentation: z.string().optional(), errors: z.unknown().optional() });

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: RawResponse['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The URL of an API request: `path` under the host (a path in the host is kept), with the query appended. */
export function requestUrl(host: string, path: string, query: Iterable<[string, string]>): URL {
  const url = new URL(host.replace(/\/+$/, '') + path);
  for (const [k, v] of query) url.searchParams.append(k, v);
  return url;
}

/** Every error code of a failure, its causes and aggregated errors included (undici nests them). */
export function errorCodes(err: unknown, seen = new Set<unknown>()): string[] {
  if (!err || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, seen)) : [];
  return [...own, ...errorCodes(e.cause, seen), ...nested];
}

/** Codes of a failure on the way to or from the host; anything else happened inside the extension. */
const TRANSPORT_CODE = /^(E[A-Z]+|UND_ERR_(SOCKET|CLOSED|CONNECT_TIMEOUT|HEADERS_TIMEOUT|BODY_TIMEOUT|RESPONSE_STATUS_CODE))$/;

function transportKind(err: unknown): ApiErrorKind {
  const codes = errorCodes(err);
  if (!codes.some((c) => TRANSPORT_CODE.test(c))) return 'local';
  if (codes.includes('ECONNREFUSED')) return 'connection-refused';
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) return 'dns';
  if (codes.some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT')) return 'timeout';
  return 'network';
}

/** An HTML error page (from a proxy or load balancer) as its title and first words, or undefined when not HTML. */
function summarizeHtml(text: string): string | undefined {
  if (!/^\s*(<!doctype html|<html)/i.test(text)) return undefined;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1].trim();
  const body = (/<body[^>]*>([\s\S]*?)(<\/body>|$)/i.exec(text)?.[1] ?? text.replace(/<head[\s\S]*?<\/head>/i, ''))
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  return `an HTML page${title ? ` "${title}"` : ''}${body ? ` (${body})` : ''}, probably from a proxy in front of the API`;
}

/** What went wrong locally, without the value that caused it (a header value would be the token). */
function localDetail(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  if (e?.code === 'UND_ERR_INVALID_ARG') return `${String(e.name ?? 'Error')}: an invalid request argument (e.g. a token or header with a line break or control character)`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** A multipart/form-data body with one file, built as bytes: undici's FormData and the global Blob belong to different
 * realms inside the VS Code extension host, where serialising them fails before anything is sent. */
function multipart(field: string, fileName: string, content: Uint8Array): { body: Uint8Array; contentType: string } {
  const boundary = `----tb-datafiles-${randomUUID()}`;
  const quoted = (s: string) => s.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(field)}"; filename="${quoted(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export class TinybirdHttp {
  private readonly sleep: NonNullable<HttpOptions['sleep']>;

  constructor(
    readonly target: Target,
    private readonly options: HttpOptions,
  ) {
    this.sleep = options.sleep ?? sleep;
  }

  get environment(): string {
    return this.target.name;
  }

  /** Sends the request and validates the JSON response with `schema`. */
  async json<S extends z.ZodTypeAny>(req: ApiRequest, schema: S): Promise<z.output<S>> {
    const res = await this.send(req);
    let parsed: unknown;
    try {
      parsed = res.text === '' ? {} : JSON.parse(res.text);
    } catch {
      throw this.error({ kind: 'invalid-response', status: res.status, apiMessage: 'the body is not JSON' }, req);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      const at = issue.path.length ? ` at ${issue.path.join('.')}` : '';
      throw this.error({ kind: 'invalid-response', status: res.status, apiMessage: `${issue.message}${at}` }, req);
    }
    return result.data;
  }

  /** Sends the request and returns the body as text (datafiles, CSV). */
  async text(req: ApiRequest): Promise<string> {
    return (await this.send(req)).text;
  }

  private error(d: Omit<ApiErrorDetails, 'environment' | 'method' | 'path'>, req: ApiRequest): TinybirdApiError {
    const details: ApiErrorDetails = { ...d, environment: this.target.name, method: req.method, path: req.path };
    if (details.apiMessage) details.apiMessage = redact(details.apiMessage, this.target.token);
    return new TinybirdApiError(details, describeApiError(details, this.target.host, this.target.isLocal));
  }

  private retryDelay(req: ApiRequest, res: RawResponse, attempt: number): number | undefined {
    if (attempt >= this.options.maxRetries) return undefined;
    if (res.status === 429) {
      const wait = parseRetryAfter(header(res.headers, 'retry-after')) ?? 1000 * 2 ** attempt;
      return wait <= this.options.maxRetryAfterMs ? wait : undefined;
    }
    if (req.method === 'GET' && (res.status === 502 || res.status === 504)) return 500 * 2 ** attempt;
    return undefined;
  }

  private async send(req: ApiRequest): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.attempt(req);
      if (res.status >= 300 && res.status < 400) {
        const location = header(res.headers, 'location');
        throw this.error({ kind: 'redirect', status: res.status, location: location ? location.replace(/[?#].*$/, '') : undefined }, req);
      }
      if (res.status < 400) return res;
      const wait = this.retryDelay(req, res, attempt);
      if (wait === undefined) throw this.responseError(req, res);
      this.options.logger.line(`${req.method} ${req.path} retrying in ${wait} ms (attempt ${attempt + 2})`);
      await this.sleep(wait, req.signal);
    }
  }

  private responseError(req: ApiRequest, res: RawResponse): TinybirdApiError {
    let apiMessage = summarizeHtml(res.text) ?? (res.text.trim().slice(0, 500) || undefined);
    const retryAfterMs = res.status === 429 ? parseRetryAfter(header(res.headers, 'retry-after')) : undefined;
    let documentation: string | undefined;
    try {
      const body = errorBodySchema.safeParse(JSON.parse(res.text));
      if (body.success) {
        const extra = body.data.errors === undefined ? '' : ` -> errors: ${JSON.stringify(body.data.errors)}`;
        apiMessage = body.data.error + extra;
        documentation = body.data.documentation;
      }
    } catch {
      // Not JSON: keep the text.
    }
    return this.error({ kind: kindForStatus(res.status), status: res.status, apiMessage, documentation, retryAfterMs }, req);
  }

  private url(req: ApiRequest): string {
    return requestUrl(this.target.host, req.path, req.query ?? []).toString();
  }

  private encode(body: RequestBody | undefined): { body?: string | Uint8Array; contentType?: string } {
    switch (body?.kind) {
      case undefined:
        return {};
      case 'form':
        return { body: new URLSearchParams(body.fields).toString(), contentType: 'application/x-www-form-urlencoded' };
      case 'json':
        return { body: JSON.stringify(body.value), contentType: 'application/json' };
      case 'text':
        return { body: body.text, contentType: 'text/plain; charset=utf-8' };
      case 'multipart':
        return multipart(body.field, body.fileName, body.content);
    }
  }

  /** The body as text, refusing (and no longer reading) one over the size cap. */
  private async readBody(body: AsyncIterable<Buffer> & { destroy(): unknown }, headers: RawResponse['headers']): Promise<string> {
    const max = this.options.maxResponseBytes ?? Infinity;
    const declared = Number(header(headers, 'content-length'));
    const chunks: Buffer[] = [];
    let size = 0;
    if (declared > max) {
      body.destroy();
      throw new ResponseTooLarge();
    }
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        throw new ResponseTooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async attempt(req: ApiRequest): Promise<RawResponse> {
    if (req.signal?.aborted) throw new CancelledError();
    let encoded: ReturnType<TinybirdHttp['encode']>;
    try {
      encoded = this.encode(req.body);
    } catch (err) {
      throw this.error({ kind: 'local', apiMessage: String(err) }, req);
    }
    const { body, contentType } = encoded;
    const headers: Record<string, string> = { accept: 'application/json, text/plain, */*' };
    if (contentType) headers['content-type'] = contentType;
    if (req.auth !== false && this.target.token) headers.authorization = `Bearer ${this.target.token}`;

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onCancel = () => controller.abort();
    req.signal?.addEventListener('abort', onCancel, { once: true });
    const started = Date.now();
    try {
      const res = await request(this.url(req), { method: req.method, headers, body, signal: controller.signal });
      const text = await this.readBody(res.body, res.headers);
      this.options.logger.line(`${req.method} ${req.path} ${res.statusCode} ${Date.now() - started} ms`);
      return { status: res.statusCode, headers: res.headers, text };
    } catch (err) {
      if (err instanceof ResponseTooLarge) {
        this.options.logger.line(`${req.method} ${req.path} response over ${this.options.maxResponseBytes} bytes ${Date.now() - started} ms`);
        throw this.error({ kind: 'too-large', limitBytes: this.options.maxResponseBytes }, req);
      }
      const kind: ApiErrorKind | 'cancelled' = req.signal?.aborted ? 'cancelled' : timedOut ? 'timeout' : transportKind(err);
      this.options.logger.line(`${req.method} ${req.path} ${kind} ${Date.now() - started} ms`);
      if (kind === 'cancelled') throw new CancelledError();
      const code = errorCodes(err).find((c) => TRANSPORT_CODE.test(c));
      throw this.error({ kind, code, apiMessage: kind === 'network' ? code ?? String(err) : kind === 'local' ? localDetail(err) : undefined }, req);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCancel);
    }
  }
}
