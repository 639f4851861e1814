// Shared helpers of the diagnostics tests: load a fixture folder into a workspace index, run the
// rules, apply quick-fix edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, type DiagnosticsConfig } from '../../server/diagnostics/config';
import { runRules, type RuleFinding } from '../../server/diagnostics/index';
import type { Edit } from '../../server/diagnostics/rule';
import { positionAt } from '../../server/parser/lines';
import type { FileFacts } from '../../server/workspace/facts';
import { WorkspaceIndex } from '../../server/workspace/index';
import { sharedPath } from '../support/shared';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'diagnostics');
export const CORPUS = sharedPath('corpus', 'crowd.dev');

export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : [full];
  });
}

export function loadWorkspace(dir: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of listFiles(dir)) {
    if (/\.(datasource|pipe|incl)$/.test(file)) index.update(file, fs.readFileSync(file, 'utf8'));
  }
  return index;
}

export interface Located {
  file: FileFacts;
  found: RuleFinding;
  /** `relative/path:line` (1-based). */
  where: string;
}

export function findingsIn(index: WorkspaceIndex, root: string, config: DiagnosticsConfig = DEFAULT_CONFIG): Located[] {
  const out: Located[] = [];
  for (const file of index.all()) {
    for (const found of runRules(index, file, config)) {
      const line = positionAt(file.parsed.lineStarts, found.finding.span.start).line + 1;
      out.push({ file, found, where: `${path.relative(root, file.path)}:${line}` });
    }
  }
  return out.sort((a, b) => a.where.localeCompare(b.where, undefined, { numeric: true }));
}

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].span.end > sorted[k - 1].span.start) throw new Error('overlapping edits');
  }
  for (const e of sorted) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  return text;
}
