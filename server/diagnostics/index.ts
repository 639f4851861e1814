// Diagnostics of one file: every registered rule, at its configured severity, minus the occurrences
// silenced by a `tb-lint-disable` directive. Diagnostics carry the rule id as `code` and link to
// the rule's README section.
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { Reads } from '../workspace/queries';
import { hiddenDiagnosticsMessage, MAX_DIAGNOSTICS_PER_FILE, ruleTimeLimitMessage } from '../workspace/limits';
import { DEFAULT_CONFIG, type DiagnosticsConfig, type RuleOptions } from './config';
import { RULES } from './registry';
import { rule as resourceLimit } from './rules/resource-limit';
import { ruleDocUrl, type Finding, type Rule, type RuleContext, type RuleSeverity } from './rule';
import { isSuppressed, suppressionsOf } from './support/suppress';
import type { TextMemo } from './support/textMemo';
import { runEachWithTimeLimit } from './support/timeLimit';

/**
 * The LSP's DiagnosticSeverity values (Error 1, Warning 2, Information 3, Hint 4), written out: a value
 * import of vscode-languageserver would load the whole language-server package into the CLI's `check`.
 */
export const SEVERITY: Record<RuleSeverity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export const DIAGNOSTIC_SOURCE = 'tinybird';

export interface RuleFinding {
  rule: Rule;
  severity: RuleSeverity;
  finding: Finding;
}

export function ruleContext(index: WorkspaceIndex, file: FileFacts, config: DiagnosticsConfig, memo?: TextMemo): RuleContext {
  return { index, file, options: config.options, memo };
}

/**
 * Findings of the rules that only read the file itself, per file version (FileFacts) and options,
 * indexed by rule position (most are empty and share one array: thousands of files stay cheap).
 */
const fileLocal = new WeakMap<FileFacts, { options: RuleOptions; findings: (readonly Finding[] | undefined)[] }>();
const NO_FINDINGS: readonly Finding[] = [];
const RULE_POSITION = new Map(RULES.map((rule, i) => [rule.id, i]));

/** A rule that throws must not take the others down: its failure becomes a finding at the top of the file. */
export function safeCheck(rule: Rule, ctx: RuleContext): Finding[] {
  try {
    return rule.check(ctx);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [{ span: { start: 0, end: 0 }, message: `Rule ${rule.id} failed on this file (${reason}); the other rules still ran. Please report it.` }];
  }
}

function check(rule: Rule, ctx: RuleContext): readonly Finding[] {
  if (rule.crossFile) return safeCheck(rule, ctx);
  let cached = fileLocal.get(ctx.file);
  if (!cached || cached.options !== ctx.options) fileLocal.set(ctx.file, (cached = { options: ctx.options, findings: [] }));
  const position = RULE_POSITION.get(rule.id)!;
  let findings = cached.findings[position];
  if (!findings) {
    const found = safeCheck(rule, ctx);
    cached.findings[position] = findings = found.length ? found : NO_FINDINGS;
  }
  return findings;
}

/**
 * The query of a file's findings (keyed by path, for one configuration): the diagnostics publisher
 * re-runs exactly the files whose memo an edit dropped (`index.queries.takeStale`).
 */
export const FILE_FINDINGS = 'fileFindings';

/** The rules of one file as they run: what finished is kept when the time budget stops the rest. */
class FileRuleRun {
  readonly enabled: { rule: Rule; level: RuleSeverity }[];
  private readonly ctx: RuleContext;
  private out: RuleFinding[] = [];
  /** Rules finished, and the findings they gave. */
  private rulesDone = 0;
  private findingsDone = 0;
  private started = 0;
  /** What the run read of the index; undefined while it has not finished. */
  reads: Reads | undefined;

  constructor(private readonly index: WorkspaceIndex, readonly file: FileFacts, readonly config: DiagnosticsConfig, rules: readonly Rule[], memo?: TextMemo) {
    this.ctx = ruleContext(index, file, config, memo);
    this.enabled = rules.flatMap((rule) => {
      const level = config.rules[rule.id] ?? rule.severity;
      return level === 'off' ? [] : [{ rule, level }];
    });
  }

  /** Restartable: a run stopped part-way starts over. */
  run(): void {
    this.out = [];
    this.rulesDone = this.findingsDone = 0;
    this.started = performance.now();
    this.reads = this.index.queries.track(() => {
      this.index.get(this.file.path);
      const suppressions = suppressionsOf(this.file);
      for (const { rule, level } of this.enabled) {
        for (const finding of check(rule, this.ctx)) {
          if (!isSuppressed(suppressions, rule.id, finding.span)) this.out.push({ rule, severity: level, finding });
        }
        this.rulesDone++;
        this.findingsDone = this.out.length;
      }
    }).reads;
  }

  /** The run was stopped: the finished rules' findings and one naming the stopped rule and the rest. */
  stop(): void {
    // What the rules not run would have read is unknown: any change re-runs the file.
    this.reads = this.index.queries.readsOfEverything();
    this.out.length = this.findingsDone;
    const [stopped, ...notRun] = this.enabled.slice(this.rulesDone).map((r) => r.rule.id);
    this.out.push(timeLimitFinding(this.config, ruleTimeLimitMessage(performance.now() - this.started, this.config.ruleTimeBudgetMs, stopped, notRun)));
  }

  findings(): RuleFinding[] {
    this.out.sort((a, b) => a.finding.span.start - b.finding.span.start || a.finding.span.end - b.finding.span.end);
    return capFindings(this.out, this.config);
  }
}

/**
 * Findings of every enabled rule on each file, suppressed occurrences removed, in document order.
 * The rules of a file share one time budget: a rule still running when it is spent is stopped, and
 * one resource-limit finding names it and the rules not run; the findings of the rules that finished stay.
 */
export function runRulesOnFiles(index: WorkspaceIndex, files: readonly FileFacts[], configOf: (file: FileFacts) => DiagnosticsConfig, rules: readonly Rule[] = RULES, memo?: TextMemo): RuleFinding[][] {
  const { queries } = index;
  const memoised = rules === RULES;
  const out: RuleFinding[][] = new Array(files.length);
  const runs: { at: number; run: FileRuleRun }[] = [];
  files.forEach((file, at) => {
    const config = configOf(file);
    const hit = memoised ? queries.cached<{ file: FileFacts; findings: RuleFinding[] }>(FILE_FINDINGS, file.path, config) : undefined;
    if (hit?.value.file === file) out[at] = hit.value.findings;
    else runs.push({ at, run: new FileRuleRun(index, file, config, rules, memo) });
  });
  queries.settle(() => runEachWithTimeLimit(runs, ({ run }) => run.config.ruleTimeBudgetMs, ({ run }) => run.run(), ({ run }) => run.stop()));
  for (const { at, run } of runs) {
    out[at] = run.findings();
    if (memoised && run.reads) queries.store(FILE_FINDINGS, run.file.path, run.config, { file: run.file, findings: out[at] }, run.reads, true);
  }
  return out;
}

export function runRules(index: WorkspaceIndex, file: FileFacts, config: DiagnosticsConfig = DEFAULT_CONFIG, rules: readonly Rule[] = RULES): RuleFinding[] {
  return runRulesOnFiles(index, [file], () => config, rules)[0];
}

function timeLimitFinding(config: DiagnosticsConfig, message: string): RuleFinding {
  const level = config.rules[resourceLimit.id] ?? resourceLimit.severity;
  return { rule: resourceLimit, severity: level === 'off' ? resourceLimit.severity : level, finding: { span: { start: 0, end: 0 }, message } };
}

/** At most MAX_DIAGNOSTICS_PER_FILE findings, then one that counts the others. */
function capFindings(findings: RuleFinding[], config: DiagnosticsConfig): RuleFinding[] {
  if (findings.length <= MAX_DIAGNOSTICS_PER_FILE) return findings;
  const shown = findings.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const level = config.rules[resourceLimit.id] ?? resourceLimit.severity;
  if (level === 'off') return shown;
  const last = shown[shown.length - 1].finding.span;
  const hidden = findings.length - shown.length;
  return [...shown, { rule: resourceLimit, severity: level, finding: { span: { start: last.start, end: last.start }, message: hiddenDiagnosticsMessage(hidden) } }];
}

export function toDiagnostic(file: FileFacts, { rule, severity, finding }: RuleFinding): Diagnostic {
  return {
    range: toRange(file.parsed.lineStarts, finding.span),
    severity: SEVERITY[severity],
    code: rule.id,
    codeDescription: { href: ruleDocUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}

export function diagnoseFile(index: WorkspaceIndex, file: FileFacts, config: DiagnosticsConfig = DEFAULT_CONFIG): Diagnostic[] {
  return runRules(index, file, config).map((f) => toDiagnostic(file, f));
}

export function diagnoseFiles(index: WorkspaceIndex, files: readonly FileFacts[], configOf: (file: FileFacts) => DiagnosticsConfig, memo?: TextMemo): Diagnostic[][] {
  return runRulesOnFiles(index, files, configOf, RULES, memo).map((found, i) => found.map((f) => toDiagnostic(files[i], f)));
}
