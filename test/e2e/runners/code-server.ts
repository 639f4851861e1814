// Runner 2 (offline, CI): code-server (VS Code 1.100.3 server) + headless Chromium via playwright-core.
// 1. start code-server on 127.0.0.1:<free port> with a fresh user-data dir (workspace trust off);
// 2. open the workbench with a payload that loads the extension from the repo and runs the
//    bundled Mocha suite in the Node extension host; the suite writes <run>/results.json;
// 3. open a fresh workbench (extension loaded, no tests) and run the Playwright UI checks.
// code-server and Chromium run in their own process groups and are always killed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { startCodeServer } from '../lib/codeServer';
import { CHROMIUM, E2E_DIR, RESULTS_DIR, RunDirs } from '../lib/paths';
import { Child, spawnLogged, tail, TimeoutError, waitFor, withTimeout } from '../lib/proc';
import { readResults, TestResult } from '../lib/results';
import { UiCheck, UiContext } from '../lib/ui';

const WORKBENCH_TIMEOUT = 90_000;
/** Until the suite writes its first results (extension host up, suite loaded). */
const SUITE_START_TIMEOUT = Number(process.env.E2E_SUITE_START_TIMEOUT_MS) || 120_000;
/** For the whole in-host suite. */
const SUITE_TIMEOUT = Number(process.env.E2E_SUITE_TIMEOUT_MS) || 600_000;

export interface RunnerOutput {
  results: TestResult[];
  /** Failures that are not a test's (set-up, timeouts, a suite that cannot load): each counts as one failure. */
  problems: string[];
  /** Context printed when anything failed (log tails, where the logs are). */
  diagnostics: string[];
}

export async function runWithCodeServer(dirs: RunDirs, log: (line: string) => void): Promise<RunnerOutput> {
  const out: RunnerOutput = { results: [], problems: [], diagnostics: [] };
  let server: Child | undefined;
  let browserProc: Child | undefined;
  let browser: Browser | undefined;
  try {
    log('starting code-server');
    const codeServer = await startCodeServer(dirs, serverEnv(dirs));
    server = codeServer.child;
    const srv = server;
    log(`code-server answers on ${codeServer.origin}`);

    log('starting headless chromium');
    ({ browser, proc: browserProc } = await launchChromium(dirs));
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const workbenchUrl = (payload: Array<[string, string]>) => codeServer.workbenchUrl(dirs.workspace, payload);

    // --- in-host suite -------------------------------------------------------------------
    const suitePage = await context.newPage();
    recordConsole(suitePage, dirs.browserLog, 'suite');
    log('opening the workbench with the in-host suite');
    await suitePage.goto(
      workbenchUrl([
        ['extensionTestsPath', codeServer.remote(path.join(dirs.suite, 'index.js'))],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ]),
      { timeout: WORKBENCH_TIMEOUT, waitUntil: 'domcontentloaded' },
    );
    try {
      out.results.push(...(await waitForSuite(dirs, srv, log)));
    } catch (e) {
      out.problems.push(errorMessage(e));
      const partial = readResults(dirs.resultsFile);
      if (partial) out.results.push(...partial.results);
      await failureScreenshot(suitePage, 'suite');
    }
    await context.close().catch(() => {});

    // --- Playwright UI checks --------------------------------------------------------------
    if (!srv.hasExited()) {
      try {
        await runUiChecks(browser, dirs, workbenchUrl([
          ['skipWelcome', 'true'],
          ['skipReleaseNotes', 'true'],
        ]), out, log);
      } catch (e) {
        out.problems.push(`UI checks: ${errorMessage(e)}`);
      }
    }
    if (srv.hasExited()) out.problems.push('code-server exited before the run finished');
  } finally {
    if (browser) await withTimeout('closing chromium', browser.close(), 10_000).catch(() => {});
    await browserProc?.kill();
    await server?.kill();
  }
  out.diagnostics.push(
    `code-server log (${dirs.codeServerLog}), last lines:\n${tail(dirs.codeServerLog, 30)}`,
    `browser console (${dirs.browserLog}), last lines:\n${tail(dirs.browserLog, 30)}`,
    `VS Code logs (extension host, server): ${path.join(dirs.userData, 'logs')}`,
  );
  return out;
}

/** Opens a fresh workbench (extension loaded, no tests) and runs test/e2e/ui/*.ui.ts in order. */
async function runUiChecks(browser: Browser, dirs: RunDirs, url: string, out: RunnerOutput, log: (line: string) => void): Promise<void> {
  const checks = await loadUiChecks();
  if (checks.length === 0) return;
  // A fresh browser context: no editors restored from the suite's session (IndexedDB).
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    recordConsole(page, dirs.browserLog, 'ui');
    log(`opening the workbench for ${checks.length} UI check(s)`);
    try {
      await page.goto(url, { timeout: WORKBENCH_TIMEOUT, waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT });
      // The Explorer lists the folder once the remote file system is connected.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WORKBENCH_TIMEOUT });
    } catch (e) {
      await failureScreenshot(page, 'ui-workbench');
      throw new Error(`the workbench did not load: ${errorMessage(e)}`);
    }
    const ui = new UiContext(page, dirs.workspace);
    for (const { file, check } of checks) {
      const started = Date.now();
      const title = `ui: ${check.name}`;
      try {
        await withTimeout(`UI check "${check.name}" (${file})`, check.run(ui), check.timeoutMs ?? 60_000);
        out.results.push({ title, kind: 'ui', state: 'passed', durationMs: Date.now() - started });
        log(`  ✓ ${title}`);
      } catch (e) {
        out.results.push({ title, kind: 'ui', state: 'failed', durationMs: Date.now() - started, error: errorMessage(e) });
        log(`  ✗ ${title}`);
        await failureScreenshot(page, `ui-${path.basename(file, '.ui.ts')}`);
      }
      // Leave the next check a workbench without an open quick input or hover.
      await page.keyboard.press('Escape').catch(() => {});
    }
  } finally {
    await withTimeout('closing the UI browser context', context.close(), 10_000).catch(() => {});
  }
}

/** Environment for code-server and the extension host it forks. */
function serverEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Running from a VS Code terminal must not leak its IPC hooks into the server under test.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  env.E2E_RESULTS_FILE = dirs.resultsFile;
  return env;
}

async function launchChromium(dirs: RunDirs): Promise<{ browser: Browser; proc: Child }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: run scripts/e2e-setup.sh`);
  const proc = spawnLogged('chromium', CHROMIUM, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${dirs.browserProfile}`,
    '--window-size=1600,1000',
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
    'about:blank',
  ], dirs.browserLog);
  try {
    const ws = await waitFor(
      'chromium to print its DevTools endpoint',
      () => {
        if (proc.hasExited()) throw new Error('chromium exited during start-up');
        return /DevTools listening on (ws:\/\/\S+)/.exec(fs.readFileSync(dirs.browserLog, 'utf8'))?.[1];
      },
      30_000,
    );
    const browser = await chromium.connectOverCDP(ws, { timeout: 30_000 });
    return { browser, proc };
  } catch (e) {
    await proc.kill();
    throw new Error(`${errorMessage(e)}\nchromium output:\n${tail(dirs.browserLog, 20)}`);
  }
}

async function waitForSuite(dirs: RunDirs, server: Child, log: (line: string) => void): Promise<TestResult[]> {
  let reported = 0;
  const progress = () => {
    const r = readResults(dirs.resultsFile);
    for (const t of r?.results.slice(reported) ?? []) {
      log(`  ${t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-'} ${t.title}`);
    }
    reported = r?.results.length ?? reported;
    return r;
  };
  const alive = () => {
    if (server.hasExited()) throw new Error('code-server exited while the suite was running');
  };
  try {
    await waitFor('the in-host suite to start (results file)', () => (alive(), readResults(dirs.resultsFile)), SUITE_START_TIMEOUT, 500);
  } catch (e) {
    if (e instanceof TimeoutError) {
      throw new Error(`${e.message}: the extension host did not load ${path.join(dirs.suite, 'index.js')}`);
    }
    throw e;
  }
  log(`in-host suite started (VS Code ${readResults(dirs.resultsFile)?.vscodeVersion ?? '?'})`);
  const final = await waitFor('the in-host suite to finish', () => (alive(), progress()?.done && readResults(dirs.resultsFile)), SUITE_TIMEOUT, 500);
  progress();
  if (final.fatal) throw new Error(`the in-host suite could not run:\n${final.fatal}`);
  return final.results;
}

async function loadUiChecks(): Promise<Array<{ file: string; check: UiCheck }>> {
  const dir = path.join(E2E_DIR, 'ui');
  const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ui.ts')).sort();
  const checks: Array<{ file: string; check: UiCheck }> = [];
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as { default?: UiCheck | { default?: UiCheck } };
    // tsx may wrap a CommonJS default export once more.
    const check = (mod.default && 'run' in mod.default ? mod.default : (mod.default as { default?: UiCheck })?.default) as UiCheck | undefined;
    if (!check || typeof check.run !== 'function') throw new Error(`${file} must \`export default defineUiCheck({...})\``);
    if (grep && !grep.test(`ui: ${check.name}`)) continue;
    checks.push({ file, check });
  }
  return checks;
}

function recordConsole(page: Page, file: string, tag: string): void {
  page.on('console', (m) => fs.appendFileSync(file, `[${tag} console.${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(file, `[${tag} pageerror] ${e.message}\n`));
}

async function failureScreenshot(page: Page, name: string): Promise<void> {
  try {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, `failure-${name}.png`), timeout: 10_000 });
  } catch {
    // the page may be gone
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
