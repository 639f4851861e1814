// `npm test`: every test/**/*.test.ts except the end-to-end suite (run by `npm run test:e2e`), with
// Node's own test runner. Node 20 does not expand globs itself, hence this file list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit', env });
rmSync(cache, { recursive: true, force: true });
process.exit(result.status ?? 1);
