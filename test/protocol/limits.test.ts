// One unopened file can never take the server down: a file above the (project-configured) size
// limit gets one diagnostic saying so, and a file with thousands of errors gets a capped list.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/workspace/limits';
import { startServer } from '../support/lspClient';

test('a file above maxFileSizeKB and a file with 20k errors, unopened: capped diagnostics, server alive', { timeout: 120_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-limits-'));
  fs.writeFileSync(path.join(root, 'tinybird-lint.json'), JSON.stringify({ maxFileSizeKB: 512 }));
  fs.writeFileSync(path.join(root, 'huge.pipe'), 'BOGUS line\n'.repeat(200_000)); // 2.2 MB
  fs.writeFileSync(path.join(root, 'many.pipe'), 'BOGUS\n'.repeat(20_000)); // 120 KB
  fs.writeFileSync(path.join(root, 'fine.pipe'), 'NODE n\nSQL >\n    SELECT 1\n');
  const uri = (name: string) => pathToFileURL(path.join(root, name)).href;
  const server = await startServer(root);
  try {
    await server.allPublished([uri('huge.pipe'), uri('many.pipe'), uri('fine.pipe')]);
    const huge = server.diagnostics.get(uri('huge.pipe'))!.diagnostics;
    assert.deepEqual(huge.map((d) => d.code), ['resource-limit']);
    assert.match(huge[0].message, /above the limit of 524288 bytes/);
    const many = server.diagnostics.get(uri('many.pipe'))!.diagnostics;
    assert.equal(many.length, MAX_DIAGNOSTICS_PER_FILE + 1);
    assert.match(many.at(-1)!.message, /^19500 more diagnostics not shown/);
    assert.equal(server.child.exitCode, null);
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
