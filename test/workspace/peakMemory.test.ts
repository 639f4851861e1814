import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runUnderHeapLimit } from '../support/heapLimit';

// What `check` does with one file (index it, run every rule), on a 1e6-line (17 MB) pipe, in a heap
// of 250 MB: about 14 times the input over the base. With a token object per SQL word and a line
// object per line it needed over 350 MB of heap and 950 MB of RSS.
test('indexing and checking a 17 MB pipe peaks under 250 MB of heap and 500 MB of RSS', () => {
  const run = runUnderHeapLimit(250, `
    const { WorkspaceIndex } = src('server/workspace/index');
    const { runRulesOnFiles } = src('server/diagnostics/index');
    const { resolveConfig } = src('server/diagnostics/config');
    const text = 'NODE n\\nSQL >\\n' + '    SELECT a, bc\\n'.repeat(1_000_000);
    const index = new WorkspaceIndex();
    index.update('/m/large.pipe', text);
    const file = index.get('/m/large.pipe');
    runRulesOnFiles(index, [file], () => resolveConfig([]));
    process.stdout.write(String(file.nodes[0].analysis.refs.length));`);
  assert.ok(run.ok, run.stderr);
  assert.equal(run.stdout, '0');
  assert.ok(run.peakRssMb < 500, `${run.peakRssMb.toFixed(0)} MB`);
});
