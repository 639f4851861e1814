// What a diagnostic rule is: an id, a default severity, a check over one file of the workspace, and
// optionally quick fixes. Rules are pure: they read the index and return findings with offsets.
import type { Span } from '../parser/ast';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { RuleOptions } from './config';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

export type RuleCategory = 'grammar' | 'engine' | 'snapshot' | 'lineage' | 'fmt';

/** Where the README documents the rules; each rule's section anchor is its id. */
export const RULES_DOC_URL = 'https://example.invalid/tinybird-datafiles/blob/main/README.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id}`;
}

export interface RuleContext {
  readonly index: WorkspaceIndex;
  readonly file: FileFacts;
  readonly options: RuleOptions;
}

export interface Finding {
  span: Span;
  message: string;
  /** Rule-specific facts its quick fix needs. */
  data?: unknown;
}

/** A replacement of a document range (offsets into the file's text). */
export interface Edit {
  span: Span;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: Edit[];
  preferred?: boolean;
}

export interface Rule {
  readonly id: string;
  readonly severity: RuleSeverity;
  readonly category: RuleCategory;
  /** One line for the README and settings: what the rule reports. */
  readonly summary: string;
  /**
   * Set when findings depend on other files (the index), not only on this file's facts and the
   * options. Other rules' findings are cached per file version.
   */
  readonly crossFile?: true;
  check(ctx: RuleContext): Finding[];
  fix?(ctx: RuleContext, finding: Finding): QuickFix[];
}
