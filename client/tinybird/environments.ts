// Environments of a data project: `.env` (`TB_HOST_<NAME>` / `TB_TOKEN_<NAME>`), `.tinyb`, and the
// `tinybird.*` settings, validated with zod. Malformed files are reported with their path and line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError, UserError } from './errors';

export const LOCAL_NAME = 'LOCAL';
const LOCAL_DEFAULT_HOST = 'http://localhost:7181';
const TINYB_NAME = 'TINYB';

export interface Environment {
  name: string;
  host: string;
  /** A token configured in a file (.env or .tinyb); SecretStorage and Local are consulted later. */
  token?: string;
  production: boolean;
  /** Tinybird Local: token from `GET /tokens`, `docker run` hint when unreachable. */
  local: boolean;
  /** Where the host came from, for display: '.env', '.tinyb', 'settings', 'default'. */
  origin: string;
}

const settingsSchema = z.object({
  environments: z.record(z.string().regex(/^[A-Za-z0-9_]+$/, 'names use letters, digits and _'), z.object({ host: z.string() }).strict()).default({}),
  productionEnvironments: z.array(z.string()).default([]),
  defaultEnvironment: z.string().optional(),
  requestTimeoutSeconds: z.number().positive().default(30),
});
export type TinybirdSettings = z.output<typeof settingsSchema>;

export function parseSettings(raw: unknown): TinybirdSettings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`settings tinybird.${issue.path.join('.')}`, undefined, issue.message);
  }
  for (const [name, env] of Object.entries(result.data.environments)) checkHost(env.host, `settings tinybird.environments.${name}.host`, undefined);
  return result.data;
}

const hostSchema = z
  .string()
  .url('must be a URL such as https://api.tinybird.co')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
const tokenSchema = z.string().regex(/^\S+$/, 'must not contain spaces');

function checkHost(value: string, file: string, line: number | undefined): string {
  const r = hostSchema.safeParse(value);
  if (!r.success) throw new ConfigError(file, line, `host "${value}" ${r.error.issues[0].message}`);
  return value.replace(/\/+$/, '');
}

interface DotenvEntry {
  value: string;
  line: number;
}

/** `KEY=value` lines of a .env file, with line numbers. Multi-line quoted values are allowed, as dotenv does. */
function scanDotenv(text: string, file: string): Map<string, DotenvEntry> {
  const values = parseDotenv(text);
  const lines = text.split(/\r?\n/);
  const entries = new Map<string, DotenvEntry>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([\w.-]+)\s*(?:=|:\s)\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError(file, i + 1, `expected KEY=value, found "${line.slice(0, 40)}"`);
    const start = i + 1;
    const quote = m[2][0];
    if (quote === '"' || quote === "'" || quote === '`') {
      let closed = m[2].indexOf(quote, 1) > 0;
      while (!closed && i + 1 < lines.length) closed = lines[++i].includes(quote);
      if (!closed) throw new ConfigError(file, start, `unterminated ${quote} quote in ${m[1]}`);
    }
    entries.set(m[1], { value: values[m[1]] ?? '', line: start });
  }
  return entries;
}

interface FileEnv {
  host?: string;
  token?: string;
}

/** TB_HOST_<NAME>/TB_TOKEN_<NAME> pairs of a .env file. Empty values count as unset (as in .env.example). */
export function dotenvEnvironments(text: string, file: string): Map<string, FileEnv> {
  const out = new Map<string, FileEnv>();
  const entries = scanDotenv(text, file);
  for (const [key, entry] of entries) {
    const m = /^TB_(HOST|TOKEN)_([A-Z0-9_]+)$/.exec(key);
    if (!m || entry.value === '') continue;
    const env = out.get(m[2]) ?? {};
    if (m[1] === 'HOST') env.host = checkHost(entry.value, file, entry.line);
    else {
      const r = tokenSchema.safeParse(entry.value);
      if (!r.success) throw new ConfigError(file, entry.line, `${key} ${r.error.issues[0].message}`);
      env.token = entry.value;
    }
    out.set(m[2], env);
  }
  for (const [name, env] of out) {
    if (!env.host && name !== LOCAL_NAME) {
      throw new ConfigError(file, entries.get(`TB_TOKEN_${name}`)?.line, `TB_TOKEN_${name} is set but TB_HOST_${name} is not`);
    }
  }
  return out;
}

const tinybSchema = z
  .object({
    host: z.string().optional(),
    token: z.string().optional(),
    name: z.string().optional(),
    tokens: z.record(z.string()).optional(),
  })
  .passthrough();
type Tinyb = z.output<typeof tinybSchema>;

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Where JSON.parse stopped, from its message (V8 gives a position, or a snippet of up to 10 characters each side). */
function jsonErrorOffset(text: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const m = /Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  const start = m ? text.indexOf(m[3]) : -1;
  if (m && start >= 0) return m[2] ? start + 10 : start + m[3].indexOf(m[1]);
  return /Unexpected end of JSON input/.test(message) ? text.length : undefined;
}

export function parseTinyb(text: string, file: string): Tinyb {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const offset = jsonErrorOffset(text, msg);
    throw new ConfigError(file, offset === undefined ? undefined : lineOfOffset(text, offset), `invalid JSON: ${msg.split(/, "|\n/)[0]}`);
  }
  const r = tinybSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const key = String(issue.path[0] ?? '');
    const at = key ? text.indexOf(`"${key}"`) : -1;
    throw new ConfigError(file, at >= 0 ? lineOfOffset(text, at) : undefined, `${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  if (r.data.host !== undefined) {
    const at = text.indexOf('"host"');
    r.data.host = checkHost(r.data.host, file, at >= 0 ? lineOfOffset(text, at) : undefined);
  }
  return r.data;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Tinybird Local's address: a loopback host on port 7181. */
function isLocalHost(host: string): boolean {
  const url = new URL(host);
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.port === '7181';
}

/** All environments of the project at `root`, in display order (.env order, then settings, then .tinyb). */
export async function loadEnvironments(root: string, settings: TinybirdSettings): Promise<Environment[]> {
  const envFile = path.join(root, '.env');
  const tinybFile = path.join(root, '.tinyb');
  const envText = await readIfExists(envFile);
  const tinybText = await readIfExists(tinybFile);
  const fromDotenv = envText === undefined ? new Map<string, FileEnv>() : dotenvEnvironments(envText, envFile);
  const tinyb = tinybText === undefined ? undefined : parseTinyb(tinybText, tinybFile);

  const production = new Set(settings.productionEnvironments.map((n) => n.toUpperCase()));
  const byName = new Map<string, Environment>();
  const add = (name: string, host: string, token: string | undefined, origin: string) => {
    const upper = name.toUpperCase();
    const previous = byName.get(upper);
    byName.set(upper, {
      name: upper,
      host,
      token: token ?? (previous?.host === host ? previous.token : undefined),
      production: upper === 'PRODUCTION' || production.has(upper),
      local: upper === LOCAL_NAME || isLocalHost(host),
      origin,
    });
  };
  for (const [name, env] of fromDotenv) add(name, env.host ?? LOCAL_DEFAULT_HOST, env.token, env.host ? '.env' : 'default');
  for (const [name, env] of Object.entries(settings.environments)) add(name, env.host.replace(/\/+$/, ''), undefined, 'settings');
  if (!byName.has(LOCAL_NAME)) add(LOCAL_NAME, LOCAL_DEFAULT_HOST, undefined, 'default');

  if (tinyb) {
    for (const env of byName.values()) env.token ??= tinyb.tokens?.[env.host] ?? (tinyb.host === env.host ? tinyb.token : undefined);
    const same = [...byName.values()].some((e) => e.host === tinyb.host && (e.token === tinyb.token || tinyb.token === undefined));
    if (tinyb.host && !same) add(TINYB_NAME, tinyb.host, tinyb.token, '.tinyb');
  }
  return [...byName.values()];
}

/** The environment to use: the explicit choice, else `tinybird.defaultEnvironment`, else LOCAL. */
export function pickEnvironment(envs: Environment[], settings: TinybirdSettings, chosen: string | undefined): Environment {
  const wanted = (chosen ?? settings.defaultEnvironment ?? LOCAL_NAME).toUpperCase();
  const env = envs.find((e) => e.name === wanted);
  if (!env) throw new UserError(`No Tinybird environment named ${wanted}. Known: ${envs.map((e) => e.name).join(', ')}.`);
  return env;
}
