// ClickHouse's own findings as you type: once a datafile is open, the server starts the engine
// (dist/engine.js, chDB in a child process), creates the workspace's tables, analyses every pipe in
// the background with progress, then re-analyses the pipes an edit affects once typing pauses. The
// analysis is `check --engine`'s (analyseFiles), cached by resolved SQL; results of a file that
// changed meanwhile are dropped. Findings are published with rule `clickhouse` next to the rules'.
import { CodeActionKind, DiagnosticSeverity, MessageType, ShowMessageNotification, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, SEVERITY } from '../../diagnostics/index';
import { ruleDocUrl } from '../../diagnostics/rule';
import { isSuppressed, suppressionFix, suppressionsOf } from '../../diagnostics/support/suppress';
import { analyseFiles, CLICKHOUSE_RULE, type AnalysisCache, type EngineFinding } from '../../engine/analysis';
import type { EngineClient, EngineState } from '../../engine/client';
import { projectTables, quoteIdentifier } from '../../engine/tables';
import { toTextEdits } from '../../features/codeActions';
import { offsetAt } from '../../parser/lines';
import { Notifications, type EngineStatus } from '../../protocol';
import type { FileFacts } from '../../workspace/facts';
import type { WorkspaceIndex } from '../../workspace/index';
import { toRange } from '../convert';
import type { DiagnosticContributor, ServerContext } from '../context';
import { ENGINE_MISSING, engineClientFor, readEngineSettings, type EngineSettings } from '../engineSettings';

/** Typing pause before the affected pipes are analysed again. */
export const ENGINE_DEBOUNCE_MS = 250;
/** Files per engine request: progress moves, and an edit waits for one batch at most. */
const BATCH_FILES = 25;

interface FileResult {
  /** The version of the file the findings are about; another version shows none. */
  facts: FileFacts;
  findings: EngineFinding[];
}

export function registerEngineDiagnostics(ctx: ServerContext): void {
  ctx.contributors.push(new EngineDiagnostics(ctx));
}

class EngineDiagnostics implements DiagnosticContributor {
  private settings?: EngineSettings;
  private engine?: EngineClient;
  private unavailable = false;
  /** Table statements sent to the engine, by name, and the names it created. */
  private readonly statements = new Map<string, string>();
  private readonly created = new Set<string>();
  private readonly cache: AnalysisCache = new Map();
  private readonly results = new Map<string, FileResult>();
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private initialDone = false;
  /** The index version the engine's tables were last made to match. */
  /** The project index (and its version) whose tables the engine holds. */
  private tablesOf?: { index: WorkspaceIndex; version: number };

  constructor(private readonly ctx: ServerContext) {}

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
    if (this.engine) for (const p of paths) if (this.ctx.session.get(p)?.role === 'pipe') this.dirty.add(p);
    if (this.initialDone) this.schedule();
    else if (this.ctx.session.openPaths.size) void this.startInitial();
  }

  async reconfigure(): Promise<void> {
    const before = this.settings;
    await this.readSettings();
    if (before && (before.enabled !== this.settings!.enabled || before.path !== this.settings!.path)) {
      await this.stop();
      if (this.ctx.session.openPaths.size) void this.startInitial();
    }
  }

  /** The findings of `path` that are shown (current, rule not off, not suppressed), with their severity. */
  private shownFindings(path: string): { findings: EngineFinding[]; severity: DiagnosticSeverity } | undefined {
    const result = this.current(path);
    if (!result) return undefined;
    const level = this.ctx.config.forFile(path).rules[CLICKHOUSE_RULE] ?? 'error';
    if (level === 'off') return undefined;
    const suppressions = suppressionsOf(result.facts);
    return { findings: result.findings.filter((f) => !isSuppressed(suppressions, CLICKHOUSE_RULE, f.span)), severity: SEVERITY[level] };
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

  private async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const engine = this.engine;
    this.engine = undefined;
    this.initialDone = false;
    this.unavailable = false;
    this.statements.clear();
    this.created.clear();
    this.tablesOf = undefined;
    this.cache.clear();
    const paths = [...this.results.keys()];
    this.results.clear();
    this.ctx.resend(paths);
    await engine?.close();
  }

  /** The engine, started on first use; undefined when disabled or chDB cannot be found. */
  private async ensureEngine(): Promise<EngineClient | undefined> {
    if (this.engine) return this.engine;
    if (this.unavailable) return undefined;
    if (!this.settings) await this.readSettings();
    if (!this.settings!.enabled) {
      this.unavailable = true;
      this.status('off', 'The embedded ClickHouse is off (tinybird.engine.enabled).');
      return undefined;
    }
    this.engine = engineClientFor(this.settings!, {
      onCrash: ({ restarted, detail }) => {
        const message = restarted ? `The embedded ClickHouse crashed and was restarted: ${detail}` : `The embedded ClickHouse crashed again and is stopped: ${detail}`;
        this.ctx.connection.console.error(message);
        void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        if (!restarted) this.status('failed', message);
      },
    });
    if (!this.engine) {
      this.unavailable = true;
      this.status('unavailable', ENGINE_MISSING);
    }
    return this.engine;
  }

  /** Creates, drops or replaces tables so the engine's match the datasources of the project of `index`. */
  private async syncTables(engine: EngineClient, index: WorkspaceIndex): Promise<void> {
    const synced = { index, version: index.version };
    if (this.tablesOf?.index === index && this.tablesOf.version === index.version) return;
    const wanted = new Map(projectTables(index).tables.map((t) => [t.name, t.sql]));
    const stale = [...this.statements].filter(([name, sql]) => wanted.get(name) !== sql).map(([name]) => name);
    const missing = [...wanted].filter(([name, sql]) => this.statements.get(name) !== sql);
    if (!stale.length && !missing.length) {
      this.tablesOf = synced;
      return;
    }
    for (const name of stale) {
      this.statements.delete(name);
      if (this.created.delete(name)) await engine.request({ op: 'run', sql: `DROP TABLE IF EXISTS ${name.split('.').map(quoteIdentifier).join('.')}` });
    }
    const response = await engine.request({ op: 'createTables', tables: missing.map(([name, sql]) => ({ name, sql })) });
    for (const [name, sql] of missing) this.statements.set(name, sql);
    for (const name of response.created) this.created.add(name);
    this.cache.clear();
    this.tablesOf = synced;
  }

  private async startInitial(): Promise<void> {
    if (this.running || this.initialDone) return;
    this.running = true;
    try {
      const engine = await this.ensureEngine();
      if (!engine) return;
      this.status('starting', 'Starting the embedded ClickHouse…');
      const progress = await this.ctx.connection.window.createWorkDoneProgress();
      const pipes = this.ctx.session.allFiles().filter((f) => f.role === 'pipe').map((f) => f.path);
      progress.begin('Tinybird: checking SQL with ClickHouse', 0, `${pipes.length} pipes`, false);
      try {
        for (let k = 0; k < pipes.length; k += BATCH_FILES) {
          await this.analyse(engine, pipes.slice(k, k + BATCH_FILES));
          progress.report(Math.round(((k + BATCH_FILES) / Math.max(pipes.length, 1)) * 100), `${Math.min(k + BATCH_FILES, pipes.length)} of ${pipes.length} pipes`);
        }
      } finally {
        progress.done();
      }
      this.initialDone = true;
    } catch (e) {
      this.reportFailure(e);
    } finally {
      this.running = false;
    }
    if (this.initialDone) {
      this.readyStatus();
      this.schedule();
    }
  }

  private schedule(): void {
    if (!this.dirty.size) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, ENGINE_DEBOUNCE_MS);
  }

  /** Analyses the dirty pipes; an edit during a batch waits for its own pause. */
  private async drain(): Promise<void> {
    if (this.running || !this.initialDone) return;
    this.running = true;
    try {
      while (this.dirty.size && !this.timer) {
        const engine = await this.ensureEngine();
        if (!engine || engine.state === 'failed') return;
        const paths = [...this.dirty].slice(0, BATCH_FILES);
        for (const p of paths) this.dirty.delete(p);
        try {
          await this.analyse(engine, paths);
        } catch (e) {
          // TS narrowed the state before the await; a crash changes it meanwhile.
          if ((engine.state as EngineState) === 'failed') this.reportFailure(e);
          else for (const p of paths) this.dirty.add(p); // retried on the restarted engine
        }
      }
      this.readyStatus();
    } finally {
      this.running = false;
    }
  }

  /** Analyses the pipes at `paths`, project by project, each against its own project's tables. */
  private async analyse(engine: EngineClient, paths: string[]): Promise<void> {
    const byProject = new Map<WorkspaceIndex, string[]>();
    for (const p of paths) {
      const { index } = this.ctx.session.projectOf(p);
      byProject.set(index, [...(byProject.get(index) ?? []), p]);
    }
    for (const [index, group] of byProject) await this.analyseProject(engine, index, group);
  }

  private async analyseProject(engine: EngineClient, index: WorkspaceIndex, paths: string[]): Promise<void> {
    await this.syncTables(engine, index);
    const files = paths.flatMap((p) => index.get(p) ?? []);
    const { findings } = await analyseFiles(engine, index, files, this.created, this.cache);
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

  private readyStatus(): void {
    if (!this.engine || this.engine.state === 'failed') return;
    let findings = 0;
    for (const r of this.results.values()) findings += r.findings.length;
    this.status('ready', `ClickHouse ready: ${this.results.size} pipes checked, ${findings} finding${findings === 1 ? '' : 's'}.`);
  }

  private reportFailure(e: unknown): void {
    const message = `The embedded ClickHouse failed: ${e instanceof Error ? e.message : String(e)}`;
    this.ctx.connection.console.error(message);
    this.status('failed', message);
  }
}
