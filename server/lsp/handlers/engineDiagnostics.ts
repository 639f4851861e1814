// ClickHouse's own findings as you type: once a datafile of a project is open, the server starts that
// project's engine (dist/engine.js, chDB in a child process; one per project, see ProjectEngines),
// creates the project's tables, analyses its pipes in the background with progress, then re-analyses
// the pipes an edit affects once typing pauses. The analysis is `check --engine`'s (analyseFiles), in
// test mode and with the pipe's saved parameter values, cached by resolved SQL; results of a file that
// changed meanwhile are dropped. Findings are published with rule `clickhouse` next to the rules'.
import type { WorkspaceIndex } from '../../workspace/index';
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, SEVERITY } from '../../diagnostics/index';
import { CLICKHOUSE_RULE } from '../../diagnostics/registry';
import { ruleDocUrl } from '../../diagnostics/rule';
import { suppressionFix } from '../../diagnostics/support/suppress';
import { analyseFiles, shownFindings, type AnalysisCache, type EngineFinding } from '../../engine/analysis';
import type { EngineState } from '../../engine/client';
import type { Variables } from '../../engine/nodeQuery';
import { projectTables, quoteIdentifier } from '../../engine/tables';
import { toTextEdits } from '../../features/codeActions';
import { offsetAt } from '../../parser/lines';
import { Notifications, Requests, type EngineProject, type EngineStatus, type SavedParams } from '../../protocol';
import type { FileFacts } from '../../workspace/facts';
import { toRange } from '../convert';
import type { DiagnosticContributor, ServerContext } from '../context';
import { ENGINE_MISSING, readEngineSettings, type EngineSettings } from '../engineSettings';
import type { ProjectEngine, ProjectEngines } from '../projectEngines';

/** Typing pause before the affected pipes are analysed again. */
export const ENGINE_DEBOUNCE_MS = 250;
/** Files per engine request: progress moves, and an edit waits for one batch at most. */
const BATCH_FILES = 25;

interface FileResult {
  /** The version of the file the findings are about; another version shows none. */
  facts: FileFacts;
  findings: EngineFinding[];
}

/** What the analysis keeps per project engine. */
interface ProjectAnalysis {
  engine: ProjectEngine;
  /** Table statements sent to the engine, by name, and the names it created. */
  statements: Map<string, string>;
  created: Set<string>;
  cache: AnalysisCache;
  /** The project index (and its version) the engine's tables were last made to match. */
  tablesOf?: { index: WorkspaceIndex; version: number };
  initialDone: boolean;
}

export function registerEngineDiagnostics(ctx: ServerContext, engines: ProjectEngines): void {
  const diagnostics = new EngineDiagnostics(ctx, engines);
  ctx.contributors.push(diagnostics);
  ctx.connection.onNotification(Notifications.savedParams, (saved: SavedParams) => diagnostics.saveParams(saved));
  ctx.connection.onRequest(Requests.engineProjects, () => diagnostics.projectsInfo());
}

class EngineDiagnostics implements DiagnosticContributor {
  private settings?: EngineSettings;
  private unavailable = false;
  private readonly projects = new Map<string, ProjectAnalysis>();
  /** Projects with an open file whose initial analysis is due. */
  private readonly toStart = new Set<string>();
  private readonly results = new Map<string, FileResult>();
  private readonly dirty = new Set<string>();
  /** Saved parameter values by pipe name (the client remembers them by name). */
  private readonly savedParams = new Map<string, Variables>();
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly engines: ProjectEngines,
  ) {}

  diagnostics(path: string): Diagnostic[] {
    const shown = this.shownFindings(path);
    return shown ? shown.findings.map((f) => this.toDiagnostic(f, shown.severity)) : [];
  }

  codeActions(file: FileFacts, uri: string, range: Range): CodeAction[] {
    const shown = this.shownFindings(file.path);
    if (!shown) return [];
    const { lineStarts, text } = file.parsed;
    const start = offsetAt(lineStarts, text.length, range.start);
    const end = offsetAt(lineStarts, text.length, range.end);
    const actions: CodeAction[] = [];
    for (const f of shown.findings) {
      if (f.span.end < start || f.span.start > end) continue;
      const diagnostic = this.toDiagnostic(f, shown.severity);
      const fixes = [...f.fixes.map((fix, k) => ({ ...fix, preferred: k === 0 })), suppressionFix(file, CLICKHOUSE_RULE, f.span)];
      for (const fix of fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: { changes: { [uri]: toTextEdits(file, fix.edits) } } });
      }
    }
    return actions;
  }

  changed(paths: readonly string[]): void {
    const { session } = this.ctx;
    if (paths.some((p) => !session.get(p))) void this.closeEmptyProjects();
    for (const p of paths) if (session.get(p)?.role === 'pipe' && this.projects.has(this.engines.rootOf(p))) this.dirty.add(p);
    this.schedule();
    this.startOpenProjects();
  }

  async reconfigure(): Promise<void> {
    const before = this.settings;
    const rootsBefore = this.pipeRoots();
    await this.readSettings();
    const moved = rootsBefore !== this.pipeRoots();
    if (moved || (before && (before.enabled !== this.settings!.enabled || before.path !== this.settings!.path))) {
      await this.stop();
      this.startOpenProjects();
    }
  }

  saveParams({ pipe, values }: SavedParams): void {
    if (Object.keys(values).length) this.savedParams.set(pipe, values);
    else this.savedParams.delete(pipe);
    for (const file of this.ctx.session.allFiles()) {
      if (file.role === 'pipe' && file.name === pipe && this.projects.has(this.engines.rootOf(file.path))) this.dirty.add(file.path);
    }
    this.schedule();
  }

  async projectsInfo(): Promise<EngineProject[]> {
    return Promise.all(
      this.engines.all().map(async ({ root, client }) => {
        const files = [...this.results.entries()].filter(([p]) => this.engines.rootOf(p) === root).map(([, r]) => r);
        const rssBytes = await this.engines.rssBytes(root);
        return { root, state: client.state, pipes: files.length, findings: files.reduce((n, r) => n + r.findings.length, 0), ...(rssBytes === undefined ? {} : { rssBytes }) };
      }),
    );
  }

  /** The project roots of the index's pipes, as one string to compare. */
  private pipeRoots(): string {
    const roots = new Set<string>();
    for (const f of this.ctx.session.allFiles()) if (f.role === 'pipe') roots.add(this.engines.rootOf(f.path));
    return [...roots].sort().join('\n');
  }

  /** The findings of `path` that are shown (current, rule not off, not suppressed), with their severity. */
  private shownFindings(path: string): { findings: EngineFinding[]; severity: DiagnosticSeverity } | undefined {
    const result = this.current(path);
    const shown = result && shownFindings(result.facts, result.findings, this.ctx.config.forFile(path));
    return shown && { findings: shown.findings, severity: SEVERITY[shown.severity] };
  }

  private current(path: string): FileResult | undefined {
    const result = this.results.get(path);
    return result && this.ctx.session.get(path) === result.facts ? result : undefined;
  }

  private toDiagnostic(f: EngineFinding, severity: DiagnosticSeverity): Diagnostic {
    return {
      range: toRange(f.file.parsed.lineStarts, f.span),
      severity,
      code: CLICKHOUSE_RULE,
      codeDescription: { href: ruleDocUrl(CLICKHOUSE_RULE) },
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
    };
  }

  private status(state: EngineStatus['state'], message: string): void {
    void this.ctx.connection.sendNotification(Notifications.engineState, { state, message } satisfies EngineStatus);
  }

  private async readSettings(): Promise<void> {
    this.settings = await readEngineSettings(this.ctx);
  }

  /** Forgets every project's analysis and closes the engines. */
  private async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.projects.clear();
    this.toStart.clear();
    this.dirty.clear();
    this.unavailable = false;
    const paths = [...this.results.keys()];
    this.results.clear();
    this.ctx.resend(paths);
    await this.engines.closeAll();
  }

  /** Closes the engines of projects that no longer have a datafile (e.g. their workspace folder was removed). */
  private async closeEmptyProjects(): Promise<void> {
    for (const root of await this.engines.closeEmpty()) this.projects.delete(root);
    for (const p of [...this.results.keys()]) if (!this.ctx.session.get(p)) this.results.delete(p);
    if (!this.running) void this.readyStatus();
  }

  /** Queues the initial analysis of every project with an open file that has none yet. */
  private startOpenProjects(): void {
    if (this.unavailable) return;
    const before = this.toStart.size;
    for (const p of this.ctx.session.openPaths) {
      if (!this.ctx.session.get(p)) continue;
      const root = this.engines.rootOf(p);
      if (!this.projects.has(root)) this.toStart.add(root);
    }
    if (this.toStart.size > before) void this.work();
  }

  /** The project's analysis, its engine created (not started) on first use; undefined when disabled or chDB cannot be found. */
  private async open(root: string): Promise<ProjectAnalysis | undefined> {
    const known = this.projects.get(root);
    if (known || this.unavailable) return known;
    if (!this.settings) await this.readSettings();
    if (!this.settings!.enabled) {
      this.unavailable = true;
      this.status('off', 'The embedded ClickHouse is off (tinybird.engine.enabled).');
      return undefined;
    }
    const engine = this.engines.open(root, this.settings!);
    if (!engine) {
      this.unavailable = true;
      this.status('unavailable', ENGINE_MISSING);
      return undefined;
    }
    const analysis: ProjectAnalysis = { engine, statements: new Map(), created: new Set(), cache: new Map(), initialDone: false };
    this.projects.set(root, analysis);
    return analysis;
  }

  /** Creates, drops or replaces tables so the engine's match the project's datasources. */
  private async syncTables(analysis: ProjectAnalysis): Promise<void> {
    const { client, root } = analysis.engine;
    const index = this.engines.indexOf(root);
    const synced = { index, version: index.version };
    if (analysis.tablesOf?.index === index && analysis.tablesOf.version === index.version) return;
    const wanted = new Map(projectTables(index).tables.map((t) => [t.name, t.sql]));
    const stale = [...analysis.statements].filter(([name, sql]) => wanted.get(name) !== sql).map(([name]) => name);
    const missing = [...wanted].filter(([name, sql]) => analysis.statements.get(name) !== sql);
    if (!stale.length && !missing.length) {
      analysis.tablesOf = synced;
      return;
    }
    for (const name of stale) {
      analysis.statements.delete(name);
      if (analysis.created.delete(name)) await client.request({ op: 'run', sql: `DROP TABLE IF EXISTS ${name.split('.').map(quoteIdentifier).join('.')}` });
    }
    const response = await client.request({ op: 'createTables', tables: missing.map(([name, sql]) => ({ name, sql })) });
    for (const [name, sql] of missing) analysis.statements.set(name, sql);
    for (const name of response.created) analysis.created.add(name);
    analysis.cache.clear();
    analysis.tablesOf = synced;
  }

  private schedule(): void {
    if (!this.dirty.size) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.work();
    }, ENGINE_DEBOUNCE_MS);
  }

  /** Initial analyses first, then the dirty pipes, one project's batch at a time; an edit during a batch waits for its own pause. */
  private async work(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const root = this.toStart.values().next().value;
        if (root !== undefined) {
          this.toStart.delete(root);
          await this.initial(root);
          continue;
        }
        if (this.timer || !this.dirty.size) break;
        const first = this.engines.rootOf(this.dirty.values().next().value!);
        const paths = [...this.dirty].filter((p) => this.engines.rootOf(p) === first).slice(0, BATCH_FILES);
        for (const p of paths) this.dirty.delete(p);
        const analysis = this.projects.get(first);
        if (analysis?.initialDone && analysis.engine.client.state !== 'failed') await this.recheck(analysis, paths);
      }
      await this.readyStatus();
    } finally {
      this.running = false;
    }
    // Queued while the status was being gathered: their own call found this one running.
    if (this.toStart.size || (this.dirty.size && !this.timer)) void this.work();
  }

  private async initial(root: string): Promise<void> {
    const analysis = this.projects.has(root) ? undefined : await this.open(root);
    if (!analysis) return;
    const pipes = [...this.engines.indexOf(root).all()].filter((f) => f.role === 'pipe').map((f) => f.path);
    this.status('starting', `Starting the embedded ClickHouse for ${path.basename(root) || root}…`);
    try {
      const progress = await this.ctx.connection.window.createWorkDoneProgress();
      progress.begin(`Tinybird: checking SQL with ClickHouse (${path.basename(root) || root})`, 0, `${pipes.length} pipes`, false);
      try {
        for (let k = 0; k < pipes.length; k += BATCH_FILES) {
          await this.analyse(analysis, pipes.slice(k, k + BATCH_FILES));
          progress.report(Math.round(((k + BATCH_FILES) / Math.max(pipes.length, 1)) * 100), `${Math.min(k + BATCH_FILES, pipes.length)} of ${pipes.length} pipes`);
        }
      } finally {
        progress.done();
      }
      analysis.initialDone = true;
    } catch (e) {
      this.reportFailure(root, e);
    }
  }

  private async recheck(analysis: ProjectAnalysis, paths: string[]): Promise<void> {
    const client = analysis.engine.client;
    try {
      await this.analyse(analysis, paths);
    } catch (e) {
      // TS narrowed the state before the await; a crash changes it meanwhile.
      if ((client.state as EngineState) === 'failed') this.reportFailure(analysis.engine.root, e);
      else for (const p of paths) this.dirty.add(p); // retried on the restarted engine
    }
  }

  private async analyse(analysis: ProjectAnalysis, paths: string[]): Promise<void> {
    await this.syncTables(analysis);
    if (this.projects.get(analysis.engine.root) !== analysis) return; // closed meanwhile
    const index = this.engines.indexOf(analysis.engine.root);
    const files = paths.flatMap((p) => index.get(p) ?? []);
    const { findings } = await analyseFiles(analysis.engine.client, index, files, analysis.created, { cache: analysis.cache, savedParams: (pipe) => this.savedParams.get(pipe.name) });
    if (this.projects.get(analysis.engine.root) !== analysis) return;
    const changed: string[] = [];
    for (const file of files) {
      if (index.get(file.path) !== file) continue; // edited meanwhile: its own re-check follows
      const before = this.results.get(file.path);
      const mine = findings.filter((f) => f.file === file);
      this.results.set(file.path, { facts: file, findings: mine });
      if (before?.facts !== file || before.findings.length || mine.length) changed.push(file.path);
    }
    for (const p of paths) if (!index.get(p)) this.results.delete(p);
    if (changed.length) this.ctx.resend(changed);
  }

  /** One status for all projects: pipes checked, findings and each engine's memory. */
  private async readyStatus(): Promise<void> {
    const projects = await this.projectsInfo();
    const live = projects.filter((p) => p.state !== 'failed' && p.state !== 'stopped');
    if (!live.length) return;
    const pipes = projects.reduce((n, p) => n + p.pipes, 0);
    const findings = projects.reduce((n, p) => n + p.findings, 0);
    const memory = live.filter((p) => p.rssBytes !== undefined).map((p) => `${live.length > 1 ? `${path.basename(p.root)} ` : ''}${Math.round(p.rssBytes! / 2 ** 20)} MB`);
    const scope = projects.length > 1 ? `${projects.length} projects, ` : '';
    this.status('ready', `ClickHouse ready: ${scope}${pipes} pipes checked, ${findings} finding${findings === 1 ? '' : 's'}.${memory.length ? ` Engine memory: ${memory.join(', ')}.` : ''}`);
  }

  private reportFailure(root: string, e: unknown): void {
    const message = `The embedded ClickHouse of ${path.basename(root) || root} failed: ${e instanceof Error ? e.message : String(e)}`;
    this.ctx.connection.console.error(message);
    this.status('failed', message);
  }
}
