// Steps shared by both runners: build the extension, bundle the in-host suite, make the workspace.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { existingCorpusDir, E2E_DIR, FIXTURES_DIR, REPO_ROOT, RunDirs } from './paths';

/** `npm run build`: dist/extension.js and dist/server.js are what VS Code loads. */
export function buildExtension(): void {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`extension build failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`extension build did not produce ${f}`);
  }
}

/**
 * Bundles test/e2e/suite/index.ts and every test/e2e/suite/*.e2e.ts into <run>/suite/.
 * `vscode` is provided by the extension host; mocha is resolved from the repo's node_modules
 * at run time (the run folder lives under the repo, so plain `require('mocha')` finds it).
 */
export async function bundleSuite(dirs: RunDirs): Promise<string[]> {
  const suiteSrc = path.join(E2E_DIR, 'suite');
  const scenarios = fs.readdirSync(suiteSrc).filter((f) => f.endsWith('.e2e.ts')).sort();
  if (scenarios.length === 0) throw new Error(`no scenarios (*.e2e.ts) in ${suiteSrc}`);
  await build({
    entryPoints: [path.join(suiteSrc, 'index.ts'), ...scenarios.map((f) => path.join(suiteSrc, f))],
    outdir: dirs.suite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return scenarios;
}

/**
 * The test workspace: a copy of the shared corpus (never committed to this repo) at the root,
 * plus test/e2e/fixtures/ under e2e/ (a project of its own). Scenarios find files with `workspaceFile('e2e/x.pipe')`.
 */
export function prepareWorkspace(dirs: RunDirs): void {
  fs.cpSync(existingCorpusDir(), dirs.workspace, { recursive: true });
  fs.cpSync(FIXTURES_DIR, path.join(dirs.workspace, 'e2e'), { recursive: true });
  // The fixtures are one project of their own (a marker file says so), beside the corpus's;
  // e2e/pipe_tests, with its own datasources/ and pipes/, is a third.
  fs.writeFileSync(path.join(dirs.workspace, 'e2e', 'tinybird-lint.json'), '{}\n');
}

/** User settings for a quiet, deterministic workbench (both runners). */
export const USER_SETTINGS = {
  // Otherwise the folder opens in restricted mode and the extension is disabled.
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The run folder sits inside this repo's git checkout: keep the git extension out of it.
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
};

export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
}
