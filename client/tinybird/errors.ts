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
export function describeApiError(d: ApiErrorDetails, host: string, localHint: boolean): string {
  const where = `${d.environment}`;
  const req = `${d.method} ${d.path}`;
  const api = d.apiMessage ? `: ${d.apiMessage}` : '';
  const docs = d.documentation ? ` (see ${d.documentation})` : '';
  switch (d.kind) {
    case 'connection-refused':
      return localHint
        ? `Tinybird Local (${where}) is not reachable at ${host}: connection refused. Start it with:\n${LOCAL_DOCKER_COMMAND}`
        : `Cannot connect to ${where} at ${host}: connection refused.`;
    case 'dns':
      return `Cannot resolve the host of ${where} (${host}). Check TB_HOST_${d.environment} or the tinybird.environments setting.`;
    case 'network':
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
      return `${where}: request too large (413) for ${req}${api}.${docs}`;
    case 'rate-limited':
      return `${where}: rate limited (429) for ${req}${api}. Try again later.${docs}`;
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
