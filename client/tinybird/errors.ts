// Errors the Tinybird commands report. Every message names the environment (or the file and line) and
// never contains a token: API text is passed through `redact` before it becomes part of a message.

export const LOCAL_DOCKER_COMMAND =
  'docker run --platform linux/amd64 -p 7181:7181 --name tinybird-classic-local -e COMPATIBILITY_MODE=1 -d tinybirdco/tinybird-local:latest';

export type ApiErrorKind =
  | 'connection-refused'
  | 'dns'
  | 'network'
  | 'local'
  | 'timeout'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'server-error'
  | 'http'
  | 'redirect'
  | 'invalid-response';

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  environment: string;
  method: string;
  path: string;
  status?: number;
  /** The API's own `error` text (redacted). */
  apiMessage?: string;
  documentation?: string;
  /** 429: how long the API asked to wait. */
  retryAfterMs?: number;
  /** 3xx: where to (without query or fragment). */
  location?: string;
  /** A response over the size cap. */
  limitBytes?: number;
  /** The transport error code (ECONNRESET, UND_ERR_SOCKET…). */
  code?: string;
}

/** A request to an environment failed. `message` is ready to show to the user. */
export class TinybirdApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly environment: string;
  readonly status?: number;
  readonly apiMessage?: string;
  readonly documentation?: string;

  constructor(details: ApiErrorDetails, message: string) {
    super(message);
    this.name = 'TinybirdApiError';
    this.kind = details.kind;
    this.environment = details.environment;
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.documentation = details.documentation;
  }
}

/** The user cancelled (progress notification cancel or a dismissed prompt). */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/** A malformed configuration file (.env, .tinyb) or setting. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Anything else a command reports to the user as-is (missing pipe, no environment…). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

const STATUS_KIND: Record<number, ApiErrorKind> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  429: 'rate-limited',
};

export function kindForStatus(status: number): ApiErrorKind {
  return STATUS_KIND[status] ?? (status >= 500 ? 'server-error' : 'http');
}

/** The user-facing text for an error response or a transport failure. */
/** "2 min", "45 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.ceil(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  for (; v >= 1000 && u < units.length - 1; u++) v /= 1000;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

/** Connection dropped mid-way (as opposed to never made). */
const RESET_CODES = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'];

export function describeApiError(d: ApiErrorDetails, host: string, localHint: boolean): string {
  const where = `${d.environment}`;
  const req = `${d.method} ${d.path}`;
  // The API's own text often ends in a full stop; every message below adds one.
  const api = d.apiMessage ? `: ${d.apiMessage.replace(/[.\s]+$/, '')}` : '';
  const docs = d.documentation ? ` (see ${d.documentation})` : '';
  switch (d.kind) {
    case 'connection-refused':
      return localHint
        ? `Tinybird Local (${where}) is not reachable at ${host}: connection refused. Start it with:\n${LOCAL_DOCKER_COMMAND}`
        : `Cannot connect to ${where} at ${host}: connection refused.`;
    case 'dns':
      return `Cannot resolve the host of ${where} (${host}). Check TB_HOST_${d.environment} or the tinybird.environments setting.`;
    case 'network':
      if (d.code && RESET_CODES.includes(d.code))
        return `${where} (${host}) closed the connection before the response was complete (${d.code}): the server or a proxy in between dropped it. Try again; if it keeps happening, check the host and any proxy.`;
      return `Network error talking to ${where} at ${host}${api}.`;
    case 'local':
      return `${where}: ${req} could not be sent (a problem in VS Code, not on the network; nothing reached ${where})${api}.`;
    case 'timeout':
      return `${where}: ${req} timed out.`;
    case 'unauthorized':
      return `${where} rejected the token (401)${api}. Set a valid token with "Tinybird: Set Token".`;
    case 'forbidden':
      return `${where}: forbidden (403) for ${req}${api}. The token may lack the scope needed.${docs}`;
    case 'not-found':
      return `${where}: not found (404) for ${req}${api}.${docs}`;
    case 'conflict':
      return `${where}: conflict (409) for ${req}${api}.${docs}`;
    case 'too-large':
      if (d.limitBytes !== undefined) return `${where}: the response to ${req} is larger than ${formatBytes(d.limitBytes)}, the limit; stopped reading it. Add a LIMIT or filter the query.`;
      return `${where}: request too large (413) for ${req}${api}.${docs}`;
    case 'rate-limited': {
      const wait = d.retryAfterMs === undefined ? 'Try again later.' : `Tinybird asks to wait ${formatDuration(d.retryAfterMs)} before retrying.`;
      return `${where}: rate limited (429) for ${req}${api}. ${wait}${docs}`;
    }
    case 'redirect':
      return `${where}: ${req} was redirected (${d.status ?? 3}) to ${d.location ?? 'another address'}. The host of ${where} is probably not the API host (e.g. https://api.tinybird.co); check TB_HOST_${where}.`;
    case 'server-error':
      return `${where}: server error (${d.status ?? 500}) for ${req}${api}.${docs}`;
    case 'bad-request':
      return `${where}: ${req} failed (400)${api}.${docs}`;
    case 'http':
      return `${where}: ${req} failed (${d.status ?? '?'})${api}.${docs}`;
    case 'invalid-response':
      return `${where}: unexpected response to ${req}${api}.`;
  }
}
