// A connection to one environment: resolves its token (SecretStorage, then .env/.tinyb, then Tinybird
// Local's `GET /tokens`) and builds the API client that sends it to that environment's host only.
import { TinybirdApi } from './api';
import type { Environment } from './environments';
import { UserError } from './errors';
import { DEFAULT_HTTP_OPTIONS, HttpOptions, TinybirdHttp } from './http';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

export interface Session {
  env: Environment;
  api: TinybirdApi;
}

/** Tokens are stored per environment name and host, so changing a host never sends an old token to it. */
export function secretKey(env: Pick<Environment, 'name' | 'host'>): string {
  return `tinybird.token.${env.name}@${env.host}`;
}

export class Connector {
  private readonly localTokens = new Map<string, string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly http: Partial<HttpOptions> & Pick<HttpOptions, 'logger'>,
  ) {}

  /** A session with an explicit token (to check it before storing it). */
  withToken(env: Environment, token: string): Session {
    return { env, api: this.client(env, token) };
  }

  private client(env: Environment, token: string | undefined): TinybirdApi {
    const target = { name: env.name, host: env.host, token, isLocal: env.local };
    return new TinybirdApi(new TinybirdHttp(target, { ...DEFAULT_HTTP_OPTIONS, ...this.http }));
  }

  async connect(env: Environment, signal?: AbortSignal): Promise<Session> {
    const token = (await this.secrets.get(secretKey(env))) ?? env.token ?? (env.local ? await this.localToken(env, signal) : undefined);
    if (!token) {
      throw new UserError(`No token for ${env.name}. Set TB_TOKEN_${env.name} in the project's .env or run "Tinybird: Set Token".`);
    }
    return { env, api: this.client(env, token) };
  }

  private async localToken(env: Environment, signal?: AbortSignal): Promise<string> {
    const cached = this.localTokens.get(env.host);
    if (cached) return cached;
    const token = await this.client(env, undefined).localTokens(signal);
    this.localTokens.set(env.host, token);
    return token;
  }
}
