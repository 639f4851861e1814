// Mocha entry point, run INSIDE the VS Code extension host (extensionTestsPath = <run>/suite/index.js).
// Loads every bundled scenario (*.e2e.js next to this file) and writes a results file after each
// test, because under code-server the extension host's exit code does not reach the runner.
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { ResultsFile, TestResult } from '../lib/results';

export function run(): Promise<void> {
  // Stack traces point into test/e2e/suite/*.ts (the bundles carry inline source maps).
  process.setSourceMapsEnabled(true);
  const resultsFile = process.env.E2E_RESULTS_FILE || path.resolve(__dirname, '..', 'results.json');
  const state: ResultsFile = { done: false, startedAt: new Date().toISOString(), vscodeVersion: vscode.version, results: [] };
  const write = () => {
    const tmp = `${resultsFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
    fs.renameSync(tmp, resultsFile);
  };
  write();

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS) || 30_000,
    grep: process.env.E2E_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        state.done = true;
        state.finishedAt = new Date().toISOString();
        write();
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
    } catch (err) {
      // A scenario file threw while loading: report it rather than hang the runner.
      state.fatal = errorText(err);
      state.done = true;
      write();
      reject(err);
      return;
    }
    const record = (test: Mocha.Test | Mocha.Hook, r: Omit<TestResult, 'title' | 'kind'>) => {
      state.results.push({ title: test.fullTitle(), kind: 'host', ...r });
      write();
    };
    runner.on('pass', (test) => record(test, { state: 'passed', durationMs: test.duration }));
    // Also fires for failing hooks (before/after...), which Mocha titles '"before all" hook ...'.
    runner.on('fail', (test, err) => record(test, { state: 'failed', durationMs: test.duration, error: errorText(err) }));
    runner.on('pending', (test) => record(test, { state: 'skipped' }));
  });
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { actual?: unknown; expected?: unknown; showDiff?: boolean };
  let text = e.stack ?? `${e.name}: ${e.message}`;
  if (!text.includes(e.message)) text = `${e.message}\n${text}`;
  if ('expected' in e && 'actual' in e && !/strictly equal|deep.*equal/i.test(e.message)) {
    const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    text += `\n  expected: ${show(e.expected)}\n  actual:   ${show(e.actual)}`;
  }
  return mapStack(text).split('\n').slice(0, 12).join('\n');
}

/** Rewrites frames in the bundled scenario files to their TypeScript sources (inline source maps). */
function mapStack(text: string): string {
  return text.replace(/([^\s(]+\.e2e\.js):(\d+):(\d+)/g, (whole, file: string, line: string, col: string) => {
    try {
      const entry = findSourceMap(file)?.findEntry(Number(line) - 1, Number(col) - 1);
      if (!entry || !('originalSource' in entry)) return whole;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return whole;
    }
  });
}
