// `npm run test:e2e`: end-to-end tests of the extension in a real VS Code.
//   runner 2 (default, offline): code-server + headless Chromium (test/e2e/runners/code-server.ts)
//   runner 1 (VSCODE_EXECUTABLE_PATH set, or E2E_RUNNER=electron): @vscode/test-electron
// Installs what is missing (scripts/e2e-setup.sh), builds the extension, bundles the in-host suite,
// copies the corpus + fixtures into a fresh workspace under .vscode-test/runs/, runs, and prints
// a final line "N passed, N failed". Exit code 1 on any failure or when no test ran.
// Environment: E2E_RUNNER=code-server|electron, E2E_GREP=<regexp on test titles>,
// E2E_KEEP=1 (keep the run folder), E2E_SKIP_SETUP=1, E2E_SKIP_BUILD=1.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleSuite, buildExtension, prepareWorkspace } from './lib/prepare';
import { makeRunDirs, REPO_ROOT, RunDirs } from './lib/paths';
import { countResults, type TestResult } from './lib/results';
import { runWithCodeServer, RunnerOutput } from './runners/code-server';
import { runWithElectron } from './runners/electron';

const T0 = Date.now();
const log = (line: string) => console.log(`[e2e +${((Date.now() - T0) / 1000).toFixed(1)}s] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

async function main(): Promise<number> {
  const t0 = Date.now();
  const runner = process.env.E2E_RUNNER ?? (process.env.VSCODE_EXECUTABLE_PATH ? 'electron' : 'code-server');
  if (runner !== 'code-server' && runner !== 'electron') throw new Error(`unknown E2E_RUNNER=${runner}`);

  if (runner === 'code-server' && !process.env.E2E_SKIP_SETUP) {
    const t = Date.now();
    const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'e2e-setup.sh')], { stdio: 'inherit', timeout: 30 * 60_000 });
    if (r.status !== 0) throw new Error(`scripts/e2e-setup.sh failed (status ${r.status ?? r.signal})`);
    log(`set-up checked in ${seconds(Date.now() - t)}`);
  }
  if (!process.env.E2E_SKIP_BUILD) buildExtension();

  const dirs = makeRunDirs();
  log(`run folder ${path.relative(REPO_ROOT, dirs.root)}`);
  prepareWorkspace(dirs);
  const scenarios = await bundleSuite(dirs);
  log(`bundled ${scenarios.length} scenario file(s): ${scenarios.join(', ')}`);

  const tRun = Date.now();
  let out: RunnerOutput;
  try {
    out = runner === 'electron' ? await runWithElectron(dirs, log) : await runWithCodeServer(dirs, log);
  } catch (e) {
    out = { results: [], problems: [e instanceof Error ? (e.stack ?? e.message) : String(e)], diagnostics: [] };
  }
  log(`${runner} runner finished in ${seconds(Date.now() - tRun)} (total ${seconds(Date.now() - t0)})`);
  if (runner === 'code-server' && DEMO_TITLE.match(new RegExp(process.env.E2E_GREP ?? ''))) out.results.push(runDemoCheck(log));
  return report(out, dirs);
}

function report(out: RunnerOutput, dirs: RunDirs): number {
  for (const f of out.results.filter((r) => r.state === 'failed')) {
    console.error(`\nFAILED: ${f.title}\n${indent(f.error ?? '(no message)')}`);
  }
  for (const p of out.problems) console.error(`\nFAILED (runner): ${indent(p).trimStart()}`);
  const summary = countResults(out.results);
  const failed = summary.failed + out.problems.length;
  const ok = failed === 0 && summary.passed > 0;
  if (summary.passed + failed === 0) console.error('\nFAILED: no test ran (check E2E_GREP and test/e2e/suite/*.e2e.ts)');
  if (!ok) for (const d of out.diagnostics) console.error(`\n${d}`);
  if (summary.skipped > 0) log(`${summary.skipped} skipped`);
  if (ok && !process.env.E2E_KEEP) {
    fs.rmSync(dirs.root, { recursive: true, force: true });
  } else {
    log(`run folder kept for inspection: ${dirs.root}`);
  }
  console.log(`${summary.passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

const indent = (s: string) => s.replace(/^/gm, '    ');

const DEMO_TITLE = 'demo: npm run demo serves VS Code on a copy of the corpus';

/** `npm run demo` end to end (test/e2e/demo.test.ts): it needs the code-server this run has just set up. */
function runDemoCheck(log: (line: string) => void): TestResult {
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', path.join(REPO_ROOT, 'test', 'e2e', 'demo.test.ts')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  log(`demo check finished in ${seconds(Date.now() - t)}`);
  const passed = r.status === 0;
  return { title: DEMO_TITLE, kind: 'ui', state: passed ? 'passed' : 'failed', durationMs: Date.now() - t, ...(passed ? {} : { error: `${r.stdout}${r.stderr}`.slice(-4000) }) };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
