// Which executable the `tb` format provider runs: never one found through the datafile's own folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatWithSettings, resolveTbCommand } from '../../server/format/settings';

const ROOT = path.resolve('/work/project');

test('a bare name is looked up on PATH; an absolute path is kept', () => {
  assert.deepEqual(resolveTbCommand(undefined, '/work/project/pipes/a.pipe', [ROOT]), { command: 'tb' });
  assert.deepEqual(resolveTbCommand('tb', '/work/project/pipes/a.pipe', [ROOT]), { command: 'tb' });
  assert.deepEqual(resolveTbCommand('/opt/tb/bin/tb', '/work/project/pipes/a.pipe', [ROOT]), { command: '/opt/tb/bin/tb' });
});

test('a relative path resolves against the workspace folder that holds the file, not the file folder', () => {
  const other = path.resolve('/work/other');
  const roots = [other, ROOT];
  assert.deepEqual(resolveTbCommand('./tools/tb', '/work/project/pipes/a.pipe', roots), { command: path.join(ROOT, 'tools/tb') });
  assert.deepEqual(resolveTbCommand('../tb', '/work/other/x/a.pipe', roots), { command: path.resolve('/work/tb') });
});

test('a relative path without a workspace folder to resolve it against is refused', () => {
  const result = resolveTbCommand('./tb', '/tmp/a.pipe', []);
  assert.ok('error' in result);
  assert.match(result.error, /tinybird\.format\.tbPath "\.\/tb" is relative/);
});

test('formatting runs the root-relative tb, never a same-named script next to the datafile', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-root-'));
  fs.mkdirSync(path.join(root, 'pipes'));
  const marker = path.join(root, 'evil-ran');
  fs.writeFileSync(path.join(root, 'tb.sh'), `#!/bin/sh\nprintf 'FROM ROOT\\n' > "$3"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'pipes', 'tb.sh'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  const result = await formatWithSettings('x', path.join(root, 'pipes', 'a.pipe'), { provider: 'tb', tbPath: './tb.sh' }, [root]);
  assert.deepEqual(result, { ok: true, text: 'FROM ROOT\n' });
  assert.equal(fs.existsSync(marker), false);
  fs.rmSync(root, { recursive: true });
});
