// Environments of a data project: `.env` (`TB_HOST_<NAME>` / `TB_TOKEN_<NAME>`), `.tinyb`, and the
// `tinybird.*` settings, validated with zod. Malformed files are reported with their path and line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser/lib/esm/main.js';
import { jsonSyntaxError, lineOfOffset } from '../../server/parser/jsonErrors';
import { z } from 'zod';
import { parseDotenv, type DotenvEntry } from './dotenv';
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

/** `KEY=value` entries of a .env file with their lines (a repeated key: the later one). Malformed lines are collected in
 * `problems` and skipped; every other line is still read. */
function scanDotenv(text: string, file: string, problems: ConfigError[]): Map<string, DotenvEntry> {
  const parsed = parseDotenv(text);
  for (const p of parsed.problems) problems.push(new ConfigError(file, p.line, p.message));
  const entries = new Map<string, DotenvEntry>();
  for (const entry of parsed.entries) entries.set(entry.key, entry);
  return entries;
}

interface FileEnv {
  host?: string;
  token?: string;
}

export interface DotenvResult {
  environments: Map<string, FileEnv>;
  /** Every problem of the file, in line order. */
  problems: ConfigError[];
  /** Environments left out because of a problem on one of their lines: name → the first such problem. */
  unavailable: Map<string, ConfigError>;
}

/** TB_HOST_<NAME>/TB_TOKEN_<NAME> pairs of a .env file. Empty values count as unset (as in .env.example). An environment
 * with a bad line is left out (and listed in `unavailable`); the others are kept. */
export function dotenvEnvironments(text: string, file: string): DotenvResult {
  const problems: ConfigError[] = [];
  const unavailable = new Map<string, ConfigError>();
  const environments = new Map<string, FileEnv>();
  const entries = scanDotenv(text, file, problems);
  const drop = (name: string, err: ConfigError) => {
    problems.push(err);
    if (!unavailable.has(name)) unavailable.set(name, err);
  };
  for (const [key, entry] of entries) {
    const m = /^TB_(HOST|TOKEN)_([A-Z0-9_]+)$/.exec(key);
    if (!m || entry.value === '') continue;
    const env = environments.get(m[2]) ?? {};
    if (m[1] === 'HOST') {
      const host = hostSchema.safeParse(entry.value);
      if (host.success) env.host = entry.value.replace(/\/+$/, '');
      else drop(m[2], new ConfigError(file, entry.line, `host "${entry.value}" ${host.error.issues[0].message}`));
    } else {
      const r = tokenSchema.safeParse(entry.value);
      if (r.success) env.token = entry.value;
      else drop(m[2], new ConfigError(file, entry.line, `${key} ${r.error.issues[0].message}`));
    }
    environments.set(m[2], env);
  }
  for (const [name, env] of environments) {
    if (!env.host && name !== LOCAL_NAME && !unavailable.has(name)) {
      drop(name, new ConfigError(file, entries.get(`TB_TOKEN_${name}`)?.line, `TB_TOKEN_${name} is set but TB_HOST_${name} is not`));
    }
  }
  for (const name of unavailable.keys()) environments.delete(name);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { environments, problems, unavailable };
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

export function parseTinyb(text: string, file: string): Tinyb {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const { line, reason } = jsonSyntaxError(text);
    throw new ConfigError(file, line, `invalid JSON: ${reason}`);
  }
  const tree = parseTree(text);
  const lineOf = (keyPath: (string | number)[]): number | undefined => {
    const value = tree && findNodeAtLocation(tree, keyPath);
    const at = value?.parent?.type === 'property' ? value.parent.offset : value?.offset;
    return at === undefined ? undefined : lineOfOffset(text, at);
  };
  const r = tinybSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ConfigError(file, lineOf(issue.path), `${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  if (r.data.host !== undefined) r.data.host = checkHost(r.data.host, file, lineOf(['host']));
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

export interface ProjectConfig {
  /** The usable environments, in display order (.env order, then settings, then .tinyb). */
  environments: Environment[];
  /** Every problem of `.env` and `.tinyb`, reported together. */
  problems: ConfigError[];
  /** Environments a problem left out: name → why. */
  unavailable: Map<string, ConfigError>;
}

/** The environments of the project at `root` and the problems of its files; a bad line only costs its own environment. */
export async function loadProject(root: string, settings: TinybirdSettings): Promise<ProjectConfig> {
  const envFile = path.join(root, '.env');
  const tinybFile = path.join(root, '.tinyb');
  const envText = await readIfExists(envFile);
  const tinybText = await readIfExists(tinybFile);
  const dotenv = envText === undefined ? { environments: new Map<string, FileEnv>(), problems: [], unavailable: new Map<string, ConfigError>() } : dotenvEnvironments(envText, envFile);
  const problems = [...dotenv.problems];
  const unavailable = new Map(dotenv.unavailable);
  let tinyb: Tinyb | undefined;
  try {
    tinyb = tinybText === undefined ? undefined : parseTinyb(tinybText, tinybFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(err);
    unavailable.set(TINYB_NAME, err);
  }

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
  for (const [name, env] of dotenv.environments) add(name, env.host ?? LOCAL_DEFAULT_HOST, env.token, env.host ? '.env' : 'default');
  for (const [name, env] of Object.entries(settings.environments)) add(name, env.host.replace(/\/+$/, ''), undefined, 'settings');
  if (!byName.has(LOCAL_NAME)) add(LOCAL_NAME, LOCAL_DEFAULT_HOST, undefined, 'default');
  for (const name of byName.keys()) unavailable.delete(name);

  if (tinyb) {
    for (const env of byName.values()) env.token ??= tinyb.tokens?.[env.host] ?? (tinyb.host === env.host ? tinyb.token : undefined);
    const same = [...byName.values()].some((e) => e.host === tinyb.host && (e.token === tinyb.token || tinyb.token === undefined));
    if (tinyb.host && !same) add(TINYB_NAME, tinyb.host, tinyb.token, '.tinyb');
  }
  return { environments: [...byName.values()], problems, unavailable };
}

/** The usable environments of the project at `root` (see loadProject for the problems). */
export async function loadEnvironments(root: string, settings: TinybirdSettings): Promise<Environment[]> {
  return (await loadProject(root, settings)).environments;
}

/** The environment to use: the explicit choice, else `tinybird.defaultEnvironment`, else LOCAL. One a problem left out is
 * reported with that problem. */
export function pickEnvironment(envs: Environment[], settings: TinybirdSettings, chosen: string | undefined, unavailable?: Map<string, ConfigError>): Environment {
  const wanted = (chosen ?? settings.defaultEnvironment ?? LOCAL_NAME).toUpperCase();
  const env = envs.find((e) => e.name === wanted);
  if (env) return env;
  const why = unavailable?.get(wanted);
  if (why) throw new ConfigError(why.file, why.line, `${why.detail} (so the environment ${wanted} is unavailable; the others still work)`);
  throw new UserError(`No Tinybird environment named ${wanted}. Known: ${envs.map((e) => e.name).join(', ')}.`);
}
