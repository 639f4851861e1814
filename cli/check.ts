// `check PATHS… [--format text|json]`: the editor's diagnostics on the command line. The whole
// project around the paths is indexed (so lineage rules see every datafile) and the project's
// tinybird-lint.json applies; findings are reported for the given paths only. Exit 1 on errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseFiles, CLICKHOUSE_RULE, createProjectTables } from '../server/engine/analysis';
import { EngineClient } from '../server/engine/client';
import type { Span } from '../server/parser/ast';
import type { FileFacts } from '../server/workspace/facts';
import { loadProjectConfig, PROJECT_CONFIG_FILE, resolveConfig } from '../server/diagnostics/config';
import { runRules } from '../server/diagnostics/index';
import { RULE_IDS, RULES } from '../server/diagnostics/registry';
import type { RuleSeverity } from '../server/diagnostics/rule';
import { positionAt } from '../server/parser/lines';
import { findDatafilesSync } from '../server/workspace/discovery';
import { roleOf } from '../server/workspace/fileRole';
import { projectRootOf } from '../server/workspace/projectRoot';
import { WorkspaceIndex } from '../server/workspace/index';
import { CacheFile, hashOf } from './cache';
import { githubCommand, sarifLog, sarifRules } from './ciFormats';
import { EXIT_CODES, expandTargets, useColor } from './common';

const usage = `Usage: tb-datafiles check PATHS… [--engine] [--format text|json|github|sarif] [--quiet]

Runs the diagnostics on the datafiles at PATHS (files, folders or quoted globs). The project folder
around them (the nearest folder with ${PROJECT_CONFIG_FILE} or .tinyb, else the parent of datasources/,
pipes/…) is indexed so that cross-file rules work.

  --engine   also analyse every node with the embedded ClickHouse (chDB): rule \`clickhouse\`
  --format   text (default), json, github (workflow commands: annotations on the pull request) or
             sarif (SARIF 2.1.0 for code scanning, with every rule's metadata and help link)
  --quiet    report errors only
  --no-cache do not reuse the findings of the last run on the same project content and settings
             (cache in \$TB_DATAFILES_CACHE_DIR, else ./node_modules/.cache/tb-datafiles, else
             \$XDG_CACHE_HOME/tb-datafiles; never used with --engine)
${EXIT_CODES}
`;

export interface CheckFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

function datafilesUnder(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return roleOf(target) ? [target] : [];
  return findDatafilesSync(target);
}

/**
 * The project to index for `target`: the nearest folder with the lint configuration or `.tinyb`,
 * searched no higher than the git repository's root.
 */
export function projectRoot(target: string): string {
  const start = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  return projectRootOf(start, fs.existsSync, {
    markers: [PROJECT_CONFIG_FILE, '.tinyb'],
    stopsAt: (dir) => fs.existsSync(path.join(dir, '.git')),
  });
}

/** The text of every datafile of the project at `root` (plus `extra` files outside it), by path. */
function readProject(root: string, extra: Iterable<string>): Map<string, string> {
  return new Map([...new Set([...datafilesUnder(root), ...extra])].map((file) => [file, fs.readFileSync(file, 'utf8')]));
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

const isFindings = (data: unknown): data is CheckFinding[] =>
  Array.isArray(data) && data.every((f) => typeof f?.file === 'string' && typeof f.line === 'number' && typeof f.rule === 'string' && typeof f.message === 'string');

/**
 * The cache of a project's findings. Cross-file rules make them depend on every file, so the key is
 * the content of the whole project, its configuration, the files asked for and the working directory
 * (findings hold relative paths).
 */
function projectCache(root: string, texts: Map<string, string>, wanted: string[], config: unknown): CacheFile<CheckFinding[]> {
  const contents = [...texts].sort(([a], [b]) => (a < b ? -1 : 1)).flat();
  return new CacheFile(`check-${hashOf(root).slice(0, 16)}`, hashOf(process.cwd(), JSON.stringify(config), wanted.join('\n'), ...contents));
}

interface Project {
  index: WorkspaceIndex;
  wanted: string[];
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

/** Findings for the datafiles at `targets` (see expandTargets); `problems` holds configuration errors. */
export function check(targets: string[], options: { cache?: boolean } = {}): { findings: CheckFinding[]; problems: string[]; projects: Project[] } {
  const byRoot = new Map<string, Set<string>>();
  const rootOfDir = new Map<string, string>();
  for (const file of expandTargets(targets).files.map((t) => path.resolve(t))) {
    if (!roleOf(file)) continue;
    const dir = path.dirname(file);
    const root = rootOfDir.get(dir) ?? projectRoot(file);
    rootOfDir.set(dir, root);
    const set = byRoot.get(root) ?? new Set<string>();
    set.add(file);
    byRoot.set(root, set);
  }
  const findings: CheckFinding[] = [];
  const problems: string[] = [];
  const projects: Project[] = [];
  for (const [root, wanted] of byRoot) {
    const project = loadProjectConfig(root, RULE_IDS);
    problems.push(...project.problems);
    const config = resolveConfig([project.input]);
    const texts = readProject(root, wanted);
    const sorted = [...wanted].sort();
    const cache = options.cache ? projectCache(root, texts, sorted, project.input) : undefined;
    const cached = cache?.read(isFindings);
    if (cached) {
      findings.push(...cached);
      continue;
    }
    const index = indexOf(texts, config.maxFileBytes);
    projects.push({ index, wanted: sorted });
    const found: CheckFinding[] = [];
    for (const filePath of sorted) {
      const file = index.get(filePath);
      if (!file) continue;
      for (const { rule, severity, finding } of runRules(index, file, config)) found.push(toFinding(file, finding.span, severity, rule.id, finding.message));
    }
    cache?.write(found);
    findings.push(...found);
  }
  return { findings, problems, projects };
}

/** The embedded ClickHouse's findings on the wanted files, one engine per project. */
export async function engineFindings(projects: Project[]): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  for (const { index, wanted } of projects) {
    const engine = new EngineClient();
    try {
      const { created } = await createProjectTables(engine, index);
      const files = wanted.flatMap((p) => index.get(p) ?? []);
      const result = await analyseFiles(engine, index, files, created);
      for (const f of result.findings) findings.push(toFinding(f.file, f.span, 'error', CLICKHOUSE_RULE, f.message));
    } finally {
      await engine.close();
    }
  }
  return findings;
}

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const SEVERITY_COLOR: Record<string, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

function report(findings: CheckFinding[], format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(findings, null, 2)}\n`;
    case 'github':
      return findings.map((f) => githubCommand({ ...f, severity: f.severity as RuleSeverity, title: f.rule })).join('');
    case 'sarif': {
      const rules = sarifRules(RULES, [{ id: CLICKHOUSE_RULE, severity: 'error', summary: 'ClickHouse (the embedded engine) rejects the query of a node (check --engine).' }]);
      const log = sarifLog(findings.map((f) => ({ ...f, severity: f.severity as RuleSeverity })), rules, process.cwd());
      return `${JSON.stringify(log, null, 2)}\n`;
    }
    case 'text':
      return findings
        .map((f) => {
          const severity = color ? `${SEVERITY_COLOR[f.severity] ?? ''}${f.severity}\x1b[0m` : f.severity;
          return `${f.file}:${f.line}:${f.column} ${severity} ${f.rule} ${f.message}\n`;
        })
        .join('');
  }
}

export async function runCheck(args: string[]): Promise<number> {
  let format = 'text';
  let withEngine = false;
  let quiet = false;
  let cache = true;
  const targets: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return 0;
    }
    if (arg === '--engine') withEngine = true;
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--no-cache') cache = false;
    else if (arg === '--format' || arg.startsWith('--format=')) format = arg.includes('=') ? arg.slice('--format='.length) : (args[++k] ?? '');
    else if (arg.startsWith('-')) return fail(`unknown option: ${arg}`);
    else targets.push(arg);
  }
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  if (!targets.length) return fail('no paths given');
  const missing = expandTargets(targets).problems;
  if (missing.length) return fail(missing.join('\n'));
  const result = check(targets, { cache: cache && !withEngine });
  const { problems, projects } = result;
  let findings = result.findings;
  if (withEngine) {
    try {
      findings.push(...(await engineFindings(projects)));
    } catch (e) {
      return fail(`the embedded engine failed: ${(e as Error).message}`);
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  }
  if (quiet) findings = findings.filter((f) => f.severity === 'error');
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(report(findings, format as Format, useColor(process.stdout)));
  if (problems.length) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`check: ${message}\n${usage}`);
  return 2;
}
