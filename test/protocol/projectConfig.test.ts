import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startServer } from '../support/lspClient';

// The reference team's Tinybird project lives in a subfolder of its repository: its tinybird-lint.json
// must apply in the editor exactly as the check CLI applies it, and only to that project.
test('a tinybird-lint.json in a project subfolder configures the files of that project only', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-config-'));
  const pipe = 'NODE n\nSQL >\n    SELECT 1\n\nTYPE endpoint\n';
  fs.mkdirSync(path.join(root, 'services/tinybird/pipes'), { recursive: true });
  fs.mkdirSync(path.join(root, 'other'), { recursive: true });
  fs.writeFileSync(path.join(root, 'services/tinybird/tinybird-lint.json'), JSON.stringify({ rules: { 'fmt-type-endpoint': 'off' } }));
  fs.writeFileSync(path.join(root, 'services/tinybird/pipes/inside.pipe'), pipe);
  fs.writeFileSync(path.join(root, 'other/outside.pipe'), pipe);
  const inside = pathToFileURL(path.join(root, 'services/tinybird/pipes/inside.pipe')).href;
  const outside = pathToFileURL(path.join(root, 'other/outside.pipe')).href;
  const server = await startServer(root);
  try {
    await server.allPublished([inside, outside]);
    const codes = (uri: string) => server.diagnostics.get(uri)!.diagnostics.map((d) => d.code);
    assert.ok(!codes(inside).includes('fmt-type-endpoint'));
    assert.ok(codes(outside).includes('fmt-type-endpoint'));
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
