// What a diagnostic rule is: an id, a default severity, a check over one file of the workspace, and
// optionally quick fixes. Rules are pure: they read the index and return findings with offsets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Span } from '../parser/ast';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { RuleOptions } from './config';
import type { TextMemo } from './support/textMemo';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

export type RuleCategory = 'grammar' | 'engine' | 'snapshot' | 'lineage' | 'fmt';

/** The README shipped with the server (next to dist/, or the repository root when run from sources). */
function findReadme(): string {
  for (let dir = __dirname, up = 0; up < 4; up++, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'README.md')) && fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'README.md');
  }
  return path.resolve(__dirname, '..', 'README.md');
}

/** Where the README documents the rules (works offline); each rule's section anchor is its id. */
export const RULES_DOC_URL = pathToFileURL(findReadme()).href;

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id}`;
}

export interface RuleContext {
  readonly index: WorkspaceIndex;
  readonly file: FileFacts;
  readonly options: RuleOptions;
  /** Answers kept across file versions (the server passes one; a single run needs none). */
  readonly memo?: TextMemo;
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
