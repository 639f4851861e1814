// Runner 1: @vscode/test-electron, for machines with a desktop VS Code (VSCODE_EXECUTABLE_PATH)
// or internet access to download VS Code 1.100.3 into .vscode-test/vscode/.
// On Linux without a display, run it under a virtual one: `xvfb-run -a npm run test:e2e`.
// The Playwright UI checks (test/e2e/ui) need the code-server runner; here they are reported skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { E2E_DIR, REPO_ROOT, RunDirs, VSCODE_TEST_DIR, VSCODE_VERSION } from '../lib/paths';
import { writeUserSettings } from '../lib/prepare';
import { killDescendants, TimeoutError, withTimeout } from '../lib/proc';
import { readResults } from '../lib/results';
import type { RunnerOutput } from './code-server';

const SUITE_TIMEOUT = Number(process.env.E2E_SUITE_TIMEOUT_MS) || 600_000;

export async function runWithElectron(dirs: RunDirs, log: (line: string) => void): Promise<RunnerOutput> {
  const out: RunnerOutput = { results: [], problems: [], diagnostics: [] };
  writeUserSettings(dirs.userData);
  let executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (executable) {
    if (!fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE_PATH does not exist: ${executable}`);
  } else {
    log(`downloading VS Code ${VSCODE_VERSION} into .vscode-test/vscode (needs internet)`);
    executable = await withTimeout(
      'downloading VS Code',
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(VSCODE_TEST_DIR, 'vscode') }),
      600_000,
    );
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY; VS Code (Electron) needs one on Linux: use `xvfb-run -a npm run test:e2e`');
  }
  log(`running the in-host suite in ${executable}`);
  let exitCode: number | undefined;
  let runError: unknown;
  try {
    exitCode = await withTimeout(
      'the VS Code test instance',
      runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(dirs.suite, 'index.js'),
        extensionTestsEnv: { E2E_RESULTS_FILE: dirs.resultsFile },
        launchArgs: [
          dirs.workspace,
          `--user-data-dir=${dirs.userData}`,
          `--extensions-dir=${dirs.extensions}`,
          // runTests itself adds --no-sandbox, --skip-welcome, --disable-workspace-trust, ...
          '--disable-extensions',
          '--disable-gpu',
        ],
      }),
      SUITE_TIMEOUT,
    );
  } catch (e) {
    runError = e;
    if (e instanceof TestRunFailedError) exitCode = e.code;
    if (e instanceof TimeoutError) await killDescendants(); // the VS Code runTests() started
  }
  const results = readResults(dirs.resultsFile);
  out.results.push(...(results?.results ?? []));
  if (results?.fatal) out.problems.push(`the in-host suite could not run:\n${results.fatal}`);
  if (!results?.done) {
    const why = runError instanceof Error ? runError.message : `exit code ${exitCode ?? 'none'}`;
    out.problems.push(`the in-host suite did not finish (${why})`);
  } else if (exitCode !== 0 && !out.results.some((r) => r.state === 'failed') && !results.fatal) {
    // VS Code exits non-zero when run() rejects, i.e. when a test failed; otherwise something else broke.
    out.problems.push(`VS Code exited with code ${exitCode ?? 'none'} although every test passed`);
  }
  out.diagnostics.push(`VS Code logs: ${path.join(dirs.userData, 'logs')}`, `results file: ${dirs.resultsFile}`);
  for (const f of fs.readdirSync(path.join(E2E_DIR, 'ui')).filter((n) => n.endsWith('.ui.ts')).sort()) {
    out.results.push({ title: `ui: ${f} (code-server runner only)`, kind: 'ui', state: 'skipped' });
  }
  return out;
}
