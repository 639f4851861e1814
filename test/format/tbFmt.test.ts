import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatWithTb } from '../../server/format/tbFmt';

// tb itself needs Python and PyPI, which this machine lacks; a stand-in executable checks our side of
// the contract: the arguments, the environment, a temporary copy with the same name, the result read back.
function fakeTb(script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tb-'));
  const file = path.join(dir, 'tb');
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

test('runs `tb fmt --yes` on a temporary copy with the version check disabled and reads it back', async () => {
  const log = path.join(os.tmpdir(), `tb-log-${process.pid}`);
  const tb = fakeTb(`echo "$1 $2 $(basename "$3") $TB_VERSION_WARNING" > ${log}; printf 'FORMATTED\\n' > "$3"`);
  const result = await formatWithTb('node x', '/project/pipes/my.pipe', { command: tb });
  assert.deepEqual(result, { ok: true, text: 'FORMATTED\n' });
  assert.equal(fs.readFileSync(log, 'utf8').trim(), 'fmt --yes my.pipe 0');
});

test('a failing tb reports its last output line', async () => {
  const tb = fakeTb(`echo "Error: ** Unsupported file" >&2; exit 1`);
  const result = await formatWithTb('x', 'a.pipe', { command: tb });
  assert.deepEqual(result, { ok: false, error: `${tb} fmt failed: Error: ** Unsupported file` });
});

test('a missing tb is a clear error, not a crash', async () => {
  const result = await formatWithTb('x', 'a.pipe', { command: '/nonexistent/tb' });
  assert.equal(result.ok, false);
});
