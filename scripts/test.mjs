// `npm test`: every test/**/*.test.ts except the end-to-end suite (run by `npm run test:e2e`), with
// Node's own test runner. Each test file is bundled by esbuild first, as the product is bundled, into
// test/.build/ (two folders deep, like the sources, so `__dirname`-relative paths to the repository and
// to test/fixtures still hold): a test process then loads one bundle instead of transpiling its
// imports through tsx's loader, whose function naming also made the code under test 1.5-1.8 times slower.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './esbuild-options.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return full === join('test', 'e2e') || full === join('test', '.build') ? [] : find(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const OUT = join('test', '.build');
const sources = find('test').sort();
rmSync(OUT, { recursive: true, force: true });
// test/cli/cache.test.ts → test/.build/cli--cache.test.js
const entryPoints = Object.fromEntries(sources.map((f) => [relative('test', f).replace(/\.ts$/, '').split(/[\\/]/).join('--'), f]));
await build({ ...BUNDLE_OPTIONS, entryPoints, outdir: OUT, external: ['chdb', 'vscode', 'fast-check', 'esbuild'] });
const files = Object.keys(entryPoints).map((name) => join(OUT, `${name}.js`));

// The CLI's content cache of this run goes to a folder of its own, removed afterwards.
const cache = mkdtempSync(join(tmpdir(), 'tb-datafiles-test-cache-'));
const env = { ...process.env, TB_DATAFILES_CACHE_DIR: cache };
// Node's default runs one file less than there are cores: one at a time on a 2-core machine. Most test
// files spend their time waiting on child processes (the CLI, the server, the engine), so one file
// per core, and never fewer than two, keeps the cores busy.
const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit', env });
rmSync(cache, { recursive: true, force: true });
process.exit(result.status ?? 1);
