// `test run [PATHS] [--case NAME]… [--junit FILE]` and `test update [PATHS]`: pipe test files (classic
// `tb test` YAML and Forward-style cases) run on a fresh embedded engine per file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { diffLines } from 'diff';
import { EngineClient } from '../server/engine/client';
import { runTestFile, type CaseResult } from '../server/engine/pipeTests';
import { parseTestFile, type ForwardCase, type TestFile } from '../server/engine/testFiles';
import { testFilesUnder, testProjectRoot } from '../server/workspace/testDiscovery';
import { indexProject } from './checkProject';
import { junitXml } from './junit';

const usage = `Usage: tb-datafiles test run [PATHS…] [--case NAME]… [--junit FILE]
       tb-datafiles test update [PATHS…] [--case NAME]…

Runs the test files (*.yaml, *.yml in a tests/ folder, or given directly) on a fresh embedded
ClickHouse per file, holding the project's datasources (TTL not applied), materialized views and
fixtures. Classic tb test cases pass when their SQL returns no rows; Forward-style cases when the
pipe's endpoint returns expected_result. \`update\` writes the expected_result of Forward-style cases.
Exit 1 when a case fails.
`;

function findTestFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(p);
    if (fs.statSync(full).isDirectory()) files.push(...testFilesUnder(full));
    else files.push(full);
  }
  return [...new Set(files)];
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** What a failure shows: its message, then the expected vs actual rows as a line diff. */
export function failureDetails(result: CaseResult): string {
  const lines = [result.message ?? 'failed'];
  if (result.expected !== undefined && result.actual !== undefined && result.expected !== result.actual) {
    lines.push('--- expected', '+++ actual');
    for (const part of diffLines(result.expected, result.actual)) {
      const sign = part.added ? '+' : part.removed ? '-' : ' ';
      for (const line of part.value.replace(/\n$/, '').split('\n')) lines.push(`${sign} ${line}`);
    }
  } else if (result.actual) lines.push(...result.actual.replace(/\n$/, '').split('\n').slice(0, 20).map((l) => `  ${l}`));
  return lines.join('\n');
}

interface Options {
  paths: string[];
  cases?: Set<string>;
  junit?: string;
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { paths: [] };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++k] ?? ''));
    if (arg === '--junit' || arg.startsWith('--junit=')) options.junit = value();
    else if (arg === '--case' || arg.startsWith('--case=')) (options.cases ??= new Set()).add(value());
    else if (arg.startsWith('-')) return `unknown option: ${arg}`;
    else options.paths.push(arg);
  }
  if (options.junit === '') return '--junit needs a file';
  if (!options.paths.length) options.paths.push('.');
  const missing = options.paths.find((p) => !fs.existsSync(p));
  return missing ? `no such file or directory: ${missing}` : options;
}

/** Each project is indexed once per command, however many of its test files run (tests never change datafiles). */
type ProjectIndexes = Map<string, ReturnType<typeof indexProject>>;

async function runFiles(files: TestFile[], cases: Set<string> | undefined, indexes: ProjectIndexes): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const file of files) {
    const root = testProjectRoot(file.path);
    const index = indexes.get(root) ?? indexes.set(root, indexProject(root)).get(root)!;
    results.push(...(await runTestFile(new EngineClient(), index, root, file, cases)));
  }
  return results;
}

function readTestFiles(paths: string[]): TestFile[] {
  return findTestFiles(paths).map((file) => parseTestFile(file, fs.readFileSync(file, 'utf8')));
}

async function testRun(options: Options): Promise<number> {
  const files = readTestFiles(options.paths);
  if (!files.length) return fail('no test files found (YAML files in a tests/ folder)', false);
  const results = await runFiles(files, options.cases, new Map());
  for (const r of results) {
    const ms = `${Math.round(r.ms)} ms`;
    if (r.passed) process.stdout.write(`PASS ${relative(r.file)} ${r.name} (${ms})\n`);
    else process.stdout.write(`FAIL ${relative(r.file)} ${r.name} (${ms})\n${failureDetails(r).replace(/^/gm, '    ')}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  process.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  if (options.junit) fs.writeFileSync(options.junit, junitXml(results, failureDetails));
  return failed ? 1 : 0;
}

/** The case as written back: its fields in Tinybird's order, expected_result as a block of NDJSON. */
function forwardItem(testCase: ForwardCase, expected: string | undefined): Record<string, unknown> {
  return {
    name: testCase.name,
    ...(testCase.description !== undefined ? { description: testCase.description } : {}),
    parameters: testCase.parameterText,
    expected_result: expected ?? testCase.expectedResult ?? '',
    expected_http_status: testCase.expectedHttpStatus,
  };
}

async function testUpdate(options: Options): Promise<number> {
  const files = readTestFiles(options.paths).filter((f) => f.format === 'forward' && !f.error);
  if (!files.length) return fail('no Forward-style test files found', false);
  let problems = 0;
  const indexes: ProjectIndexes = new Map();
  for (const file of files) {
    const results = await runFiles([file], options.cases, indexes);
    const actual = new Map(results.filter((r) => r.actual !== undefined).map((r) => [r.name, r.actual!]));
    const items = file.cases.map((c) => forwardItem(c as ForwardCase, (c as ForwardCase).expectedHttpStatus < 400 ? actual.get(c.name) : undefined));
    for (const r of results) {
      if (r.actual === undefined && !r.passed) {
        problems++;
        process.stderr.write(`test update: ${relative(r.file)} ${r.name} not updated: ${r.message}\n`);
      }
    }
    fs.writeFileSync(file.path, dump(items, { lineWidth: -1, noRefs: true }));
    process.stdout.write(`updated ${relative(file.path)} (${actual.size} case${actual.size === 1 ? '' : 's'})\n`);
  }
  return problems ? 1 : 0;
}

export async function runTest(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    process.stdout.write(usage);
    return sub ? 0 : 2;
  }
  if (sub !== 'run' && sub !== 'update') return fail(`unknown test command: ${sub}`);
  const options = parseArgs(rest);
  if (typeof options === 'string') return fail(options);
  return sub === 'run' ? testRun(options) : testUpdate(options);
}

function fail(message: string, withUsage = true): number {
  process.stderr.write(`test: ${message}\n${withUsage ? usage : ''}`);
  return withUsage ? 2 : 1;
}
