// `npm test`: every test/**/*.test.ts except the end-to-end suite (run by `npm run test:e2e`), with
// Node's own test runner. Node 20 does not expand globs itself, hence this file list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return full === join('test', 'e2e') ? [] : find(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = find('test').sort();
// The CLI's content cache of this run goes to a folder of its own, removed afterwards.
const cache = mkdtempSync(join(tmpdir(), 'tb-datafiles-test-cache-'));
const env = { ...process.env, TB_DATAFILES_CACHE_DIR: cache };
// Node's default runs one file less than there are cores: one at a time on a 2-core machine. Most test
// files spend their time waiting on child processes (the CLI, the server, the engine), so one file
// per core, and never fewer than two, keeps the cores busy.
const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit', env });
rmSync(cache, { recursive: true, force: true });
process.exit(result.status ?? 1);
