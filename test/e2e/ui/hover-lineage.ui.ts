import * as assert from 'node:assert/strict';
import { defineUiCheck } from '../lib/ui';

// Hovering a datasource name renders its lineage (writers, readers) in the hover widget.
// Screenshot: test-results/e2e/hover-lineage.png
export default defineUiCheck({
  name: 'hover on a datasource name renders its lineage (screenshot)',
  async run(ui) {
    const { page } = ui;
    await ui.openFile('e2e/snapshot_filter/e2e_latest_members.pipe');
    await ui.waitForExtensionsActivated();
    await ui.expectEditorText('FROM e2e_member_snapshots');
    const line = page.locator('.editor-group-container.active .view-lines .view-line', { hasText: 'FROM e2e_member_snapshots' });
    const name = line.locator('span span', { hasText: 'e2e_member_snapshots' }).last();
    const hover = page.locator('.monaco-hover', { hasText: 'Written by' });
    // The server may still be indexing when the mouse first arrives: move away and back until it answers.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await name.hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.mouse.move(5, 5);
      }
    }
    const text = await hover.innerText();
    assert.match(text, /datasource e2e_member_snapshots/);
    assert.match(text, /multi-snapshot/);
    assert.match(text, /Written by \(1\)\s+copies \(1\)\s+e2e_member_snapshots_copy › e2e_member_snapshots_copy_node — copy, append, every hour/);
    assert.match(text, /Read by \(1\)\s+e2e_latest_members \(endpoint\) › e2e_latest_members_node/);
    await ui.screenshot('hover-lineage');
  },
});
