// Locations shared by the e2e runners (runs in plain Node via tsx, never inside VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, sharedPath } from '../../support/shared';

export { REPO_ROOT };
export const E2E_DIR = path.join(REPO_ROOT, 'test', 'e2e');
/** The shared corpus (never copied into the repo: copied into each run's workspace instead), or an error saying where
 * the shared folder is expected. */
export const existingCorpusDir = (): string => sharedPath('corpus', 'crowd.dev');
export const FIXTURES_DIR = path.join(E2E_DIR, 'fixtures');
/** Git-ignored; holds the code-server install and the per-run folders. */
export const VSCODE_TEST_DIR = path.join(REPO_ROOT, '.vscode-test');
export const RUNS_DIR = path.join(VSCODE_TEST_DIR, 'runs');
/** Git-ignored; screenshots and failure artefacts. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const CODE_SERVER_DIR = path.join(VSCODE_TEST_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** VS Code version matching code-server 4.100.3; used by runner 1 when it has to download. */
export const VSCODE_VERSION = process.env.E2E_VSCODE_VERSION ?? '1.100.3';
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Everything one run writes, under .vscode-test/runs/<id>/. */
export interface RunDirs {
  root: string;
  /** Bundled in-host Mocha suite (extensionTestsPath = suite/index.js). */
  suite: string;
  workspace: string;
  /** JSON written by the in-host suite (see suite/index.ts). */
  resultsFile: string;
  userData: string;
  extensions: string;
  browserProfile: string;
  codeServerLog: string;
  browserLog: string;
}

export function makeRunDirs(): RunDirs {
  fs.mkdirSync(RUNS_DIR, { recursive: true });
  pruneOldRuns();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const root = fs.mkdtempSync(path.join(RUNS_DIR, `${stamp}-`));
  const dirs: RunDirs = {
    root,
    suite: path.join(root, 'suite'),
    workspace: path.join(root, 'workspace'),
    resultsFile: path.join(root, 'results.json'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    browserProfile: path.join(root, 'chromium-profile'),
    codeServerLog: path.join(root, 'code-server.log'),
    browserLog: path.join(root, 'browser.log'),
  };
  for (const d of [dirs.suite, dirs.workspace, dirs.userData, dirs.extensions, dirs.browserProfile]) {
    fs.mkdirSync(d, { recursive: true });
  }
  return dirs;
}

/** Runs of other people may be in progress: only delete runs older than a few hours. */
function pruneOldRuns(): void {
  const cutoff = Date.now() - 6 * 3600_000;
  for (const name of fs.readdirSync(RUNS_DIR)) {
    const p = path.join(RUNS_DIR, name);
    try {
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // raced with another run's cleanup
    }
  }
}
