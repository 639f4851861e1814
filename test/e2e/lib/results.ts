// The results file contract between the in-host suite (writer) and the runners (readers).
// The VS Code extension host's exit code is not reliable under code-server (always 0), so the
// suite writes this JSON after every test and once more with `done: true` at the end.
import * as fs from 'node:fs';

export interface TestResult {
  /** Full title, e.g. "activation activates on a .pipe". */
  title: string;
  /** Which side ran it: the in-host Mocha suite or a Playwright UI check. */
  kind: 'host' | 'ui';
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  error?: string;
}

export interface ResultsFile {
  done: boolean;
  startedAt: string;
  finishedAt?: string;
  vscodeVersion?: string;
  results: TestResult[];
  /** Set when the suite itself could not load or run (e.g. a scenario file threw on import). */
  fatal?: string;
}

export function readResults(file: string): ResultsFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsFile;
  } catch {
    return undefined; // not written yet, or caught mid-write
  }
}

export function countResults(results: TestResult[]): { passed: number; failed: number; skipped: number } {
  const count = (state: TestResult['state']) => results.filter((r) => r.state === state).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
