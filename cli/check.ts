// `check PATHS… [--format text|json|github|sarif]`: the editor's diagnostics on the command line. The
// whole project around the paths is indexed (so lineage rules see every datafile) and the project's
// tinybird-lint.json applies; findings are reported for the given paths only. Exit 1 on errors.
// This module stays light (the cached path); indexing and rules are in checkProject.ts, required on a miss.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../server/diagnostics/configFile';
import type { RuleSeverity } from '../server/diagnostics/rule';
import { findDatafilesSync } from '../server/workspace/discovery';
import { roleOf } from '../server/workspace/fileRole';
import { RULE_TIME_LIMIT_PREFIX } from '../server/workspace/limits';
import { projectRootOf } from '../server/workspace/projectRoot';
import { CacheFile } from './cache';
import { hashOf } from './hash';
import { githubCommand, sarifLog, sarifRules } from './ciFormats';
import { EXIT_CODES, expandTargets, useColor, type Targets } from './common';

type CheckProjectModule = typeof import('./checkProject.js');
const heavy = (): CheckProjectModule => require('./checkProject.js') as CheckProjectModule;

const usage = `Usage: tb-datafiles check PATHS… [--engine] [--format text|json|github|sarif] [--quiet] [--no-cache]

Runs the diagnostics on the datafiles at PATHS (files, folders or quoted globs). Each file's project
(the nearest folder with .tinyb, ${PROJECT_CONFIG_FILE} or .env, or above a datasources/, pipes/…
folder) is indexed whole so that cross-file rules work; names never resolve across
projects.

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

/** The text of every datafile of the project at `root` (plus `extra` files outside it), by path. */
export function readProject(root: string, extra: Iterable<string>): Map<string, string> {
  return new Map([...new Set([...datafilesUnder(root), ...extra])].map((file) => [file, fs.readFileSync(file, 'utf8')]));
}

function datafilesUnder(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return roleOf(target) ? [target] : [];
  return findDatafilesSync(target);
}

/** The project to index for `target` (a file or a folder): see projectRootOf. */
export function projectRoot(target: string): string {
  return projectRootOf(fs.statSync(target).isDirectory() ? target : path.dirname(target), fs.existsSync);
}

interface CachedCheck {
  findings: CheckFinding[];
  problems: string[];
}

const isCachedCheck = (data: unknown): data is CachedCheck => {
  const d = data as CachedCheck;
  return (
    Array.isArray(d?.problems) &&
    Array.isArray(d.findings) &&
    d.findings.every((f) => typeof f?.file === 'string' && typeof f.line === 'number' && typeof f.rule === 'string' && typeof f.message === 'string')
  );
};

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The cache of a project's findings. Cross-file rules make them depend on every file, so the key is
 * the content of the whole project, its configuration, the files asked for and the working directory
 * (findings hold relative paths).
 */
function projectCache(root: string, texts: Map<string, string>, wanted: string[]): CacheFile<CachedCheck> {
  const contents = [...texts].sort(([a], [b]) => (a < b ? -1 : 1)).flat();
  const config = readText(path.join(root, PROJECT_CONFIG_FILE));
  return new CacheFile(`check-${hashOf(root).slice(0, 16)}`, hashOf(process.cwd(), config, wanted.join('\n'), ...contents));
}

type Project = ReturnType<CheckProjectModule['checkProject']>['project'];

/** Findings for the datafiles at `targets` (see expandTargets); `problems` holds configuration errors. */
export function check(targets: string[], options: { cache?: boolean; expanded?: Targets } = {}): { findings: CheckFinding[]; problems: string[]; projects: Project[] } {
  const byRoot = new Map<string, Set<string>>();
  // Each file is checked in its own project: a folder holding several projects checks each apart.
  const rootOfDir = new Map<string, string>();
  for (const file of (options.expanded ?? expandTargets(targets)).files.map((t) => path.resolve(t))) {
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
  for (const [root, wantedSet] of byRoot) {
    const wanted = [...wantedSet].sort();
    const texts = readProject(root, wanted);
    const cache = options.cache ? projectCache(root, texts, wanted) : undefined;
    let result: CachedCheck | undefined = cache?.read(isCachedCheck);
    if (!result) {
      const fresh = heavy().checkProject(root, texts, wanted);
      projects.push(fresh.project);
      result = { findings: fresh.findings, problems: fresh.problems };
      if (!result.findings.some((f) => f.message.startsWith(RULE_TIME_LIMIT_PREFIX))) cache?.write(result);
    }
    findings.push(...result.findings);
    problems.push(...result.problems);
  }
  return { findings, problems, projects };
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
      const { RULES } = require('../server/diagnostics/registry') as typeof import('../server/diagnostics/registry.js');
      const { CLICKHOUSE_RULE } = require('../server/engine/analysis') as typeof import('../server/engine/analysis.js');
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
  const expanded = expandTargets(targets);
  if (expanded.problems.length) return fail(expanded.problems.join('\n'));
  const result = check(targets, { cache: cache && !withEngine, expanded });
  const { problems, projects } = result;
  let findings = result.findings;
  if (withEngine) {
    try {
      findings.push(...(await heavy().engineFindings(projects)));
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
