// The heavy half of `check`: index a project and run the rules (and the embedded engine). Loaded by
// check.ts only when the cache has no answer.
import * as path from 'node:path';
import { loadProjectConfig, resolveConfig, type DiagnosticsConfig } from '../server/diagnostics/config';
import { runRulesOnFiles } from '../server/diagnostics/index';
import { CLICKHOUSE_RULE, RULE_IDS, RULES } from '../server/diagnostics/registry';
import { RULE_MEMO_CHARS, TextMemo } from '../server/diagnostics/support/textMemo';
import { analyseFiles, createProjectTables, shownFindings } from '../server/engine/analysis';
import { EngineClient } from '../server/engine/client';
import type { Span } from '../server/parser/ast';
import { positionAt } from '../server/parser/lines';
import type { FileFacts } from '../server/workspace/facts';
import { WorkspaceIndex } from '../server/workspace/index';
import { readProject, type CheckFinding } from './check';

export interface Project {
  index: WorkspaceIndex;
  wanted: string[];
  /** The project's tinybird-lint.json: the engine's findings honour it like the rules'. */
  config: DiagnosticsConfig;
}

function indexOf(texts: Map<string, string>, maxFileBytes: number | undefined): WorkspaceIndex {
  const index = new WorkspaceIndex(maxFileBytes === undefined ? {} : { maxFileBytes: () => maxFileBytes });
  for (const [file, text] of texts) index.update(file, text);
  return index;
}

/** Every datafile of the project at `root` (plus `extra` files outside it). */
export function indexProject(root: string, extra: Iterable<string> = [], maxFileBytes?: number): WorkspaceIndex {
  return indexOf(readProject(root, extra), maxFileBytes);
}

function toFinding(file: FileFacts, span: Span, severity: string, rule: string, message: string): CheckFinding {
  const start = positionAt(file.parsed.lineStarts, span.start);
  const end = positionAt(file.parsed.lineStarts, span.end);
  return {
    file: path.relative(process.cwd(), file.path) || file.path,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity,
    rule,
    message,
  };
}

/** The rules' findings on the `wanted` files (sorted) of the project at `root`, whose datafiles are `texts`. */
export function checkProject(root: string, texts: Map<string, string>, wanted: string[]): { findings: CheckFinding[]; problems: string[]; project: Project } {
  const config = loadProjectConfig(root, RULE_IDS);
  const resolved = resolveConfig([config.input]);
  const index = indexOf(texts, resolved.maxFileBytes);
  const findings: CheckFinding[] = [];
  const files = wanted.flatMap((filePath) => index.get(filePath) ?? []);
  // the rules' answers per text (black's per tag code, sqlfmt's per node) repeat across files, as in the server
  runRulesOnFiles(index, files, () => resolved, RULES, new TextMemo(RULE_MEMO_CHARS)).forEach((found, i) => {
    for (const { rule, severity, finding } of found) findings.push(toFinding(files[i], finding.span, severity, rule.id, finding.message));
  });
  return { findings, problems: config.problems, project: { index, wanted, config: resolved } };
}

/** The embedded ClickHouse's findings on the wanted files, one engine per project, as its configuration shows them. */
export async function engineFindings(projects: Project[]): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  for (const { index, wanted, config } of projects) {
    const engine = new EngineClient();
    try {
      const { created } = await createProjectTables(engine, index);
      const files = wanted.flatMap((p) => index.get(p) ?? []);
      const result = await analyseFiles(engine, index, files, created);
      for (const file of files) {
        const shown = shownFindings(file, result.findings, config);
        for (const f of shown?.findings ?? []) findings.push(toFinding(file, f.span, shown!.severity, CLICKHOUSE_RULE, f.message));
      }
    } finally {
      await engine.close();
    }
  }
  return findings;
}
