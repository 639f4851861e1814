// The Test Explorer for pipe test files: the language server lists them (the same discovery as
// `tb-datafiles test run`) and runs each file's chosen cases on a fresh embedded engine; failures show
// at their case with the expected against the actual rows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type RunTestsParams, type RunTestsResult, type TestCaseOutcome, type TestFileInfo } from '../../server/protocol';

/** Test files changed on disk are listed again once changes pause. */
const REFRESH_MS = 300;
/** The file item's pseudo-case for a file that cannot be read. */
const FILE_CASE = '(file)';

export type CaseState = 'passed' | 'failed' | 'errored' | 'skipped';

/** What the last run reported for an item, by test id (kept for the e2e suite, which cannot read VS Code's results). */
export interface ReportedResult {
  state: CaseState;
  message?: string;
}

function caseId(fileUri: string, name: string): string {
  return `${fileUri}#${name}`;
}

/** The failure at its case: a diff when there are rows to compare (a classic case expects none). */
function failureMessage(outcome: TestCaseOutcome, item: vscode.TestItem): vscode.TestMessage {
  const text = outcome.message ?? 'failed';
  const message = outcome.actual ? vscode.TestMessage.diff(text, outcome.expected ?? '', outcome.actual) : new vscode.TestMessage(text);
  if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
  return message;
}

function notRunMessage(result: Extract<RunTestsResult, { ok: false }>): vscode.TestMessage {
  if (!result.engineMissing) return new vscode.TestMessage(result.message);
  const text = new vscode.MarkdownString(`${result.message} [Install Local Engine](command:tinybird.installLocalEngine)`);
  text.isTrusted = { enabledCommands: ['tinybird.installLocalEngine'] };
  return new vscode.TestMessage(text);
}

export class PipeTestExplorer implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('tinybird.pipeTests', 'Tinybird pipe tests');
  readonly reported = new Map<string, ReportedResult>();
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private refreshTimer?: NodeJS.Timeout;
  /** The listing in progress, so callers can wait for it. */
  private listing: Promise<void> = Promise.resolve();

  constructor(private readonly client: LanguageClient) {
    this.controller.refreshHandler = () => this.refresh();
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const later = () => this.scheduleRefresh();
    this.disposables.push(watcher, watcher.onDidCreate(later), watcher.onDidChange(later), watcher.onDidDelete(later), vscode.workspace.onDidChangeWorkspaceFolders(later));
    void this.refresh();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  /** Lists the test files again; resolves once the items are replaced. */
  refresh(): Promise<void> {
    this.listing = this.listing.then(async () => {
      const files = await this.client.sendRequest<TestFileInfo[]>(Requests.listTests, {});
      this.controller.items.replace(files.map((f) => this.fileItem(f)));
    }).catch((e: unknown) => {
      this.client.warn(`listing the pipe tests failed: ${e instanceof Error ? e.message : String(e)}`, undefined, false);
    });
    return this.listing;
  }

  private fileItem(info: TestFileInfo): vscode.TestItem {
    const uri = vscode.Uri.parse(info.uri);
    const item = this.controller.createTestItem(info.uri, vscode.workspace.asRelativePath(uri), uri);
    item.description = info.format === 'classic' ? 'tb test' : 'Forward';
    if (info.error) item.error = info.error;
    item.children.replace(info.cases.map((c) => {
      const child = this.controller.createTestItem(caseId(info.uri, c.name), c.name, uri);
      child.range = new vscode.Range(c.line, 0, c.endLine, c.endCharacter);
      child.sortText = String(c.line).padStart(8, '0');
      if (c.description) child.description = c.description;
      return child;
    }));
    return item;
  }

  /** The chosen cases by file, in the explorer's order; `whole` when the file runs as it is (its read errors shown too). */
  private selection(request: vscode.TestRunRequest): Map<vscode.TestItem, { cases: vscode.TestItem[]; whole: boolean }> {
    const excluded = new Set(request.exclude ?? []);
    const files: vscode.TestItem[] = [];
    this.controller.items.forEach((f) => files.push(f));
    const chosen = new Map<vscode.TestItem, { cases: vscode.TestItem[]; whole: boolean }>();
    for (const item of request.include ?? files) {
      const file = item.parent ?? item;
      if (excluded.has(item) || excluded.has(file)) continue;
      const entry = chosen.get(file) ?? chosen.set(file, { cases: [], whole: false }).get(file)!;
      const add = (c: vscode.TestItem) => {
        if (!excluded.has(c) && !entry.cases.includes(c)) entry.cases.push(c);
      };
      if (item === file) file.children.forEach(add);
      else add(item);
      entry.whole ||= item === file;
    }
    for (const [file, entry] of chosen) entry.whole &&= entry.cases.length === file.children.size;
    return chosen;
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, state: CaseState, message?: vscode.TestMessage, ms?: number): void {
    this.reported.set(item.id, { state, ...(message ? { message: typeof message.message === 'string' ? message.message : message.message.value } : {}) });
    if (state === 'passed') run.passed(item, ms);
    else if (state === 'failed') run.failed(item, message!, ms);
    else if (state === 'errored') run.errored(item, message!, ms);
    else run.skipped(item);
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const selection = this.selection(request);
    for (const { cases } of selection.values()) for (const c of cases) run.enqueued(c);
    try {
      // One request per file: the results of a file show as soon as it has run.
      for (const [file, { cases, whole }] of selection) {
        if (token.isCancellationRequested) {
          for (const c of cases) this.report(run, c, 'skipped');
          continue;
        }
        for (const c of cases) run.started(c);
        const params: RunTestsParams = { uri: file.id, ...(whole ? {} : { cases: cases.map((c) => c.label) }) };
        let result: RunTestsResult;
        try {
          result = await this.client.sendRequest<RunTestsResult>(Requests.runTests, params, token);
        } catch (e) {
          if (token.isCancellationRequested) {
            for (const c of cases) this.report(run, c, 'skipped');
            continue;
          }
          result = { ok: false, engineMissing: false, message: e instanceof Error ? e.message : String(e) };
        }
        this.record(run, file, cases, result);
      }
    } finally {
      run.end();
    }
  }

  private record(run: vscode.TestRun, file: vscode.TestItem, cases: vscode.TestItem[], result: RunTestsResult): void {
    if (!result.ok) {
      for (const c of cases.length ? cases : [file]) this.report(run, c, 'errored', notRunMessage(result));
      return;
    }
    const byName = new Map(result.results.map((r) => [r.name, r]));
    const fileFailure = byName.get(FILE_CASE);
    if (fileFailure) this.report(run, file, 'errored', new vscode.TestMessage(fileFailure.message ?? 'the file cannot be read'));
    for (const c of cases) {
      const outcome = byName.get(c.label);
      if (!outcome) this.report(run, c, 'skipped');
      else if (outcome.passed) this.report(run, c, 'passed', undefined, outcome.ms);
      else this.report(run, c, 'failed', failureMessage(outcome, c), outcome.ms);
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
