// Test fixtures: a ProjectGraph built by hand from real crowd.dev datafiles (read at test time), a stand-in
// for the language server's answers, a scripted UI, in-memory workspace state and secrets, and a temporary
// data project whose .env points at the test API server.
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PipeInfo, ProjectGraph, ProjectResource, RunLocallyParams, TemplateParameter } from '../../server/protocol';
import type { QueryResult } from '../../client/tinybird/schemas';
import { CommandContext, ProjectEnvironments } from '../../client/tinybird/context';
import type { Logger } from '../../client/tinybird/log';
import type { Memory } from '../../client/tinybird/params';
import { checkForm } from '../../client/tinybird/paramsForm';
import { pathToUri } from '../../server/lsp/convert';
import type { DatasourceDefinition, PipeDefinition, PipeNodeDefinition, PushDefinition, PushDiagnostic, TinybirdServer } from '../../client/tinybird/serverApi';
import type { SecretStore } from '../../client/tinybird/session';
import type { InputOptions, PickItem, Progress, ResultView, Ui } from '../../client/tinybird/ui';
import { sharedPath } from '../support/shared';
import { writeTree } from '../support/tempTree';

export const CORPUS = sharedPath('corpus/crowd.dev');

function res(kind: 'datasource' | 'pipe', name: string, dependsOn: string[] = []): ProjectResource {
  const file = path.join(CORPUS, kind === 'pipe' ? 'pipes' : 'datasources', `${name}.${kind}`);
  return { name, kind, uri: pathToUri(file), dependsOn };
}

/** Nine real files, listed downstream-first so ordering is really exercised. */
export function corpusGraph(): ProjectGraph {
  return {
    resources: [
      res('pipe', 'ping'),
      res('pipe', 'activityRelations_bucket_MV_snapshot_0', ['activityRelations', 'activityRelations_bucket_MV_ds_0']),
      res('pipe', 'insightsProjects_filtered', ['insights_projects_populated_ds']),
      res('pipe', 'sitemap_projects', ['insightsProjects']),
      res('pipe', 'activityRelations_bucket_MV_0', ['activityRelations', 'activityRelations_bucket_MV_ds_0']),
      res('datasource', 'activityRelations_bucket_MV_ds_0'),
      res('datasource', 'insights_projects_populated_ds'),
      res('datasource', 'insightsProjects'),
      res('datasource', 'activityRelations'),
    ],
  };
}

export function uriOf(graph: ProjectGraph, name: string): string {
  const r = graph.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no ${name} in the fixture graph`);
  return r.uri;
}

// ---- A stand-in for the language server. The real server parses datafiles; these few simple files only need
// block extraction, which is all this does (no templates, includes or canonicalisation).

function block(lines: string[], start: number): string[] {
  const out: string[] = [];
  for (let i = start; i < lines.length && (lines[i] === '' || /^\s/.test(lines[i])); i++) out.push(lines[i]);
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return out.map((l) => l.replace(/^ {4}/, ''));
}

function keyword(lines: string[], key: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${key} `));
  return line?.slice(key.length + 1).trim();
}

function datasourceDefinition(name: string, text: string): DatasourceDefinition {
  const lines = text.split('\n');
  const schema = block(lines, lines.indexOf('SCHEMA >') + 1).map((l) => l.trim().replace(/,$/, ''));
  const args = Object.fromEntries(lines.filter((l) => l.startsWith('ENGINE_')).map((l) => [l.slice(7, l.indexOf(' ')).toLowerCase(), l.slice(l.indexOf(' ') + 1).trim()]));
  const engine = keyword(lines, 'ENGINE');
  const desc = lines.indexOf('DESCRIPTION >');
  return {
    kind: 'datasource',
    name,
    description: desc >= 0 ? block(lines, desc + 1).map((l) => l.trim()).join('\n') : '',
    schema: schema.join(','),
    indexes: '',
    format: schema.some((c) => c.includes('`json:')) ? 'ndjson' : 'csv',
    engine: engine ? { type: engine, args } : undefined,
    connector: {},
    tags: {},
    tokens: [],
  };
}

function pipeDefinition(name: string, text: string): PipeDefinition {
  const chunks = text.split(/^(?=NODE )/m).filter((c) => c.startsWith('NODE '));
  const nodes = chunks.map((chunk): PipeNodeDefinition => {
    const lines = chunk.split('\n');
    const type = (keyword(lines, 'TYPE') ?? 'standard').toLowerCase() as PipeNodeDefinition['type'];
    return {
      name: lines[0].slice(5).trim(),
      sql: block(lines, lines.indexOf('SQL >') + 1).join('\n'),
      type,
      datasource: keyword(lines, 'DATASOURCE'),
      targetDatasource: keyword(lines, 'TARGET_DATASOURCE'),
      copySchedule: keyword(lines, 'COPY_SCHEDULE'),
      copyMode: keyword(lines, 'COPY_MODE') as PipeNodeDefinition['copyMode'],
    };
  });
  const tokens = [...text.matchAll(/^TOKEN "([^"]+)" (READ|APPEND)$/gm)].map((m) => ({ name: m[1], permission: m[2] as 'READ' | 'APPEND' }));
  return { kind: 'pipe', name, description: '', nodes, exportParams: {}, tokens };
}

export function readDefinition(resource: ProjectResource): PushDefinition {
  const text = readFileSync(new URL(resource.uri), 'utf8');
  return resource.kind === 'pipe' ? pipeDefinition(resource.name, text) : datasourceDefinition(resource.name, text);
}

const PARAMS: Record<string, TemplateParameter[]> = {
  insightsProjects_filtered: [
    { name: 'slug', type: 'String', required: false, description: 'Filter collection by slug' },
    { name: 'isLF', type: 'Boolean', required: false },
    { name: 'slugs', type: 'Array', required: false },
  ],
};

export class FakeLanguageServer implements TinybirdServer {
  readonly formatted: Array<{ text: string; fileName: string }> = [];
  /** Answers of pushDiagnostics, by resource name (the real request is covered by test/protocol/pushDiagnostics.test.ts). */
  readonly problems = new Map<string, Array<Omit<PushDiagnostic, 'uri'>>>();
  readonly diagnosed: string[][] = [];
  nodeAnswer: { node: string; sql: string } | null = null;
  constructor(readonly graph: ProjectGraph) {}

  async projectGraph(): Promise<ProjectGraph> {
    return this.graph;
  }

  async pipeInfo(uri: string): Promise<PipeInfo | null> {
    const r = this.graph.resources.find((x) => x.uri === uri);
    if (!r || r.kind !== 'pipe') return null;
    const def = readDefinition(r) as PipeDefinition;
    const outputs = def.nodes.some((n) => ['materialized', 'copy', 'sink'].includes(n.type));
    return {
      name: r.name,
      uri,
      nodes: def.nodes.map((n) => ({ name: n.name, type: n.type, sql: n.sql, target: n.datasource ?? n.targetDatasource, copyMode: n.copyMode, copySchedule: n.copySchedule })),
      endpointNode: outputs ? undefined : def.nodes[def.nodes.length - 1].name,
      params: PARAMS[r.name] ?? [],
    };
  }

  async nodeAt(): Promise<{ node: string; sql: string } | null> {
    return this.nodeAnswer;
  }

  async formatText(text: string, fileName: string): Promise<string> {
    this.formatted.push({ text, fileName });
    return `${text.trimEnd()}\n`;
  }

  async pushDiagnostics(uris: string[]): Promise<PushDiagnostic[]> {
    this.diagnosed.push(uris);
    return this.graph.resources.filter((r) => uris.includes(r.uri)).flatMap((r) => (this.problems.get(r.name) ?? []).map((d) => ({ uri: r.uri, ...d })));
  }

  /** Requests of Run … Locally (the real request is covered by test/protocol/runLocally.test.ts). */
  readonly localRuns: RunLocallyParams[] = [];
  localResult: QueryResult = { meta: [{ name: 'n', type: 'UInt64' }], data: [{ n: 1 }], rows: 1 };

  async runLocally(params: RunLocallyParams): Promise<QueryResult> {
    this.localRuns.push(params);
    return this.localResult;
  }

  async pushDefinition(uri: string): Promise<PushDefinition> {
    const r = this.graph.resources.find((x) => x.uri === uri);
    if (!r) throw new Error(`unknown ${uri}`);
    return readDefinition(r);
  }
}

// ---- UI, memory, secrets

type Answer = unknown;

/** A scripted UI: answers are consumed in order; every call is recorded. */
export class ScriptedUi implements Ui {
  readonly infos: string[] = [];
  readonly errors: string[] = [];
  readonly results: ResultView[] = [];
  readonly diffs: Array<{ title: string; remoteText: string; remoteName: string; localUri: string }> = [];
  readonly prompts: Array<{ kind: string; text: string; options?: unknown; cancelFirst?: true }> = [];
  readonly progressTitles: string[] = [];
  readonly progressMessages: string[] = [];
  /** Aborts the progress signal when a progress message contains this text. */
  cancelWhen?: string;

  constructor(private readonly answers: Answer[] = []) {}

  answer(...more: Answer[]): this {
    this.answers.push(...more);
    return this;
  }

  private next(kind: string, text: string, options?: unknown, cancelFirst?: boolean): Answer {
    this.prompts.push({ kind, text, options, ...(cancelFirst ? { cancelFirst: true as const } : {}) });
    if (!this.answers.length) throw new Error(`unexpected ${kind}: ${text}`);
    return this.answers.shift();
  }

  async pick<T>(items: PickItem<T>[], placeholder: string): Promise<T | undefined> {
    const a = this.next('pick', placeholder, items.map((i) => i.label));
    if (a === undefined) return undefined;
    const item = items.find((i) => i.label === a);
    if (!item) throw new Error(`no item ${String(a)} in ${items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  async input(prompt: string, options?: InputOptions): Promise<string | undefined> {
    const a = this.next('input', prompt, options) as string | undefined | ((o?: InputOptions) => string);
    const value = typeof a === 'function' ? a(options) : a;
    if (value !== undefined && options?.validate?.(value)) throw new Error(`invalid answer for ${prompt}: ${options.validate(value)}`);
    return value;
  }

  /** Answer: a record of values typed over the prefilled ones, a function of the prefilled values, or undefined (cancel). */
  async paramsForm(pipe: string, params: TemplateParameter[], values: Record<string, string>, action: string): Promise<Record<string, string> | undefined> {
    const a = this.next('params', `${pipe} · ${action}`, { params: params.map((p) => p.name), values }) as
      | Record<string, string>
      | ((v: Record<string, string>) => Record<string, string>)
      | undefined;
    if (a === undefined) return undefined;
    const checked = checkForm(params, typeof a === 'function' ? a(values) : { ...values, ...a });
    if ('errors' in checked) throw new Error(`invalid answer for ${pipe}: ${Object.values(checked.errors).join('; ')}`);
    return checked.values;
  }

  async confirm(message: string, detail: string, actions: string[], cancelFirst?: boolean): Promise<string | undefined> {
    const a = this.next('confirm', `${message} | ${detail}`, actions, cancelFirst) as string | undefined;
    if (a !== undefined && !actions.includes(a)) throw new Error(`no action ${a} in ${actions.join(', ')}`);
    return a;
  }

  async withProgress<T>(title: string, task: (progress: Progress) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    const controller = new AbortController();
    return task({
      signal: controller.signal,
      report: (message) => {
        this.progressMessages.push(message);
        if (this.cancelWhen && message.includes(this.cancelWhen)) controller.abort();
      },
    });
  }

  info(message: string): void {
    this.infos.push(message);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  async chooseFile(title: string): Promise<string | undefined> {
    return this.next('file', title) as string | undefined;
  }

  showResult(view: ResultView): void {
    this.results.push(view);
  }

  async showDiff(title: string, remoteText: string, remoteName: string, localUri: string): Promise<void> {
    this.diffs.push({ title, remoteText, remoteName, localUri });
  }

  /** Every prompt was answered. */
  get unanswered(): number {
    return this.answers.length;
  }
}

export class MapMemory implements Memory {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export class MapSecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

export class LinesLogger implements Logger {
  readonly lines: string[] = [];
  line(message: string): void {
    this.lines.push(message);
  }
}

/** A temporary data project: `.env` as given, `fixtures/` linked to the corpus fixtures. */
export async function tempProject(envText: string, files: Record<string, string> = {}): Promise<string> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tb-project-')));
  await fs.writeFile(path.join(root, '.env'), envText);
  await fs.symlink(path.join(CORPUS, 'fixtures'), path.join(root, 'fixtures'));
  writeTree(root, files);
  return root;
}

export interface TestContext extends CommandContext {
  ui: ScriptedUi;
  memory: MapMemory;
  secrets: MapSecrets;
  logger: LinesLogger;
  server: FakeLanguageServer;
}

export function makeContext(root: string, ui: ScriptedUi, settings: Record<string, unknown> = {}, graph = corpusGraph()): TestContext {
  const memory = new MapMemory();
  const secrets = new MapSecrets();
  const logger = new LinesLogger();
  const environments = new ProjectEnvironments(() => ({ requestTimeoutSeconds: 5, ...settings }), memory, secrets, logger);
  return { server: new FakeLanguageServer(graph), ui, memory, secrets, logger, environments, rootOf: async () => root, pollMs: 1 };
}

/** The push order the corpus graph must produce: datasources first, upstream before downstream. */
export const CORPUS_PUSH_ORDER = [
  'activityRelations',
  'activityRelations_bucket_MV_ds_0',
  'insightsProjects',
  'insights_projects_populated_ds',
  'activityRelations_bucket_MV_0',
  'activityRelations_bucket_MV_snapshot_0',
  'insightsProjects_filtered',
  'ping',
  'sitemap_projects',
];
