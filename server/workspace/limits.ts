// Resource limits: no file, however large or however it INCLUDEs others, can exhaust the server.

/** INCLUDEs nested deeper than this are not expanded (tb itself expands at most 100 INCLUDEs). */
export const MAX_INCLUDE_DEPTH = 16;
/** Included parts (INCLUDE occurrences, nested ones too) expanded per file. */
export const MAX_INCLUDED_PARTS = 1000;
/** Characters of included text expanded per file. */
export const MAX_INCLUDED_CHARS = 8 * 1024 * 1024;
/** Diagnostics published per file; the rest are counted in one last diagnostic. */
export const MAX_DIAGNOSTICS_PER_FILE = 500;
/** Files larger than this are not analysed (setting `tinybird.diagnostics.maxFileSizeKB`). */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Characters above which the formatter refuses a file: sqlfmt keeps a node object per SQL token through
 * all its stages (about 200 bytes of memory per byte of SQL), so a 50 MB pipe exhausted the heap.
 */
export const MAX_FORMAT_CHARS = 20 * 1024 * 1024;

export function formatOversizeMessage(chars: number): string {
  return `Not formatted: the file has ${chars} characters, above the formatter's limit of ${MAX_FORMAT_CHARS} (20 MB); formatting it would take more than 4 GB of memory.`;
}

/** Milliseconds a file's rules may run before the running one is stopped (`tinybird.diagnostics.ruleTimeBudgetMs`). */
export const DEFAULT_RULE_TIME_BUDGET_MS = 2000;

/** Why an INCLUDE's expansion was cut short: the message of its `resource-limit` diagnostic. */
export type IncludeLimit = 'depth' | 'parts' | 'chars';

export function includeLimitMessage(limit: IncludeLimit): string {
  const what = {
    depth: `INCLUDEs nested more than ${MAX_INCLUDE_DEPTH} deep`,
    parts: `more than ${MAX_INCLUDED_PARTS} included parts`,
    chars: `more than ${MAX_INCLUDED_CHARS / 1024 / 1024} MB of included text`,
  }[limit];
  return `This INCLUDE expands to ${what}; the rest is not analysed (nodes, lineage and diagnostics of those parts are missing).`;
}

export function oversizeMessage(bytes: number, limit: number): string {
  return `This file is ${bytes} bytes, above the limit of ${limit} bytes (tinybird.diagnostics.maxFileSizeKB): it is not analysed.`;
}

/** How the time-limit diagnostic starts: a run that hit the budget is not cached (the next may not). */
export const RULE_TIME_LIMIT_PREFIX = 'The rules stopped after';

export function ruleTimeLimitMessage(elapsedMs: number, budgetMs: number, stopped: string, notRun: readonly string[]): string {
  const rest = notRun.length ? ` Not run: ${notRun.join(', ')}.` : '';
  return `${RULE_TIME_LIMIT_PREFIX} ${Math.round(elapsedMs)} ms on this file (budget ${budgetMs} ms, tinybird.diagnostics.ruleTimeBudgetMs): ${stopped} was stopped while running.${rest} The diagnostics above are complete for the rules that finished. Please report it.`;
}

export function hiddenDiagnosticsMessage(hidden: number): string {
  return `${hidden} more diagnostics not shown (at most ${MAX_DIAGNOSTICS_PER_FILE} per file).`;
}

/** The budget of one file's INCLUDE expansion; `spend` says which limit a new part would break. */
export class IncludeBudget {
  private parts = 0;
  private chars = 0;

  spend(depth: number, chars: number): IncludeLimit | undefined {
    if (depth > MAX_INCLUDE_DEPTH) return 'depth';
    if (this.parts + 1 > MAX_INCLUDED_PARTS) return 'parts';
    if (this.chars + chars > MAX_INCLUDED_CHARS) return 'chars';
    this.parts++;
    this.chars += chars;
    return undefined;
  }
}
