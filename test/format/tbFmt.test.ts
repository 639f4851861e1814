import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatWithTb } from '../../server/format/tbFmt';
import { roleOf } from '../../server/workspace/fileRole';

// tb itself needs Python and PyPI, which this machine lacks; a stand-in executable checks our side of
// the contract: the arguments, the environment, a temporary copy with the same name, the result read back.
function fakeTb(script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tb-'));
  const file = path.join(dir, 'tb');
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

test('runs `tb fmt --yes` on a hidden copy next to the file (so INCLUDEs resolve) and removes it', async () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-project-'));
  fs.writeFileSync(path.join(project, 'shared.incl'), 'NODE s\nSQL >\n    SELECT 1\n');
  const log = path.join(os.tmpdir(), `tb-log-${process.pid}`);
  // The stand-in fails unless the sibling include is reachable from the copy's folder, like tb would.
  const tb = fakeTb(`test -f "$(dirname "$3")/shared.incl" || exit 3; echo "$1 $2 $(basename "$3") $TB_VERSION_WARNING" > ${log}; printf 'FORMATTED\\n' > "$3"`);
  const result = await formatWithTb('INCLUDE "shared.incl"\n', path.join(project, 'my.pipe'), { command: tb });
  assert.deepEqual(result, { ok: true, text: 'FORMATTED\n' });
  const [fmt, yes, copyName, versionWarning] = fs.readFileSync(log, 'utf8').trim().split(' ');
  assert.deepEqual([fmt, yes, versionWarning], ['fmt', '--yes', '0']);
  assert.match(copyName, /^\.my\.tbfmt-[0-9a-f]{8}\.pipe$/);
  assert.equal(roleOf(path.join(project, copyName)), undefined, 'the language server ignores the copy');
  assert.equal(roleOf(path.join(project, 'my.pipe')), 'pipe');
  assert.deepEqual(fs.readdirSync(project).sort(), ['shared.incl'], 'the temporary copy is removed and the user file never written');
});

test('a failing tb reports its last output line', async () => {
  const tb = fakeTb(`echo "Error: ** Unsupported file" >&2; exit 1`);
  const result = await formatWithTb('x', path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-project-')), 'a.pipe'), { command: tb });
  assert.deepEqual(result, { ok: false, error: `${tb} fmt failed: Error: ** Unsupported file` });
});

test('a missing tb is a clear error, not a crash', async () => {
  const result = await formatWithTb('x', path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-project-')), 'a.pipe'), { command: '/nonexistent/tb' });
  assert.equal(result.ok, false);
});
