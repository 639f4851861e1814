import * as assert from 'node:assert/strict';
import { defineUiCheck } from '../lib/ui';

// The Problems panel lists the snapshot-filter warning of e2e/snapshot_filter/e2e_latest_members.pipe.
// Screenshot: test-results/e2e/problems-snapshot-filter.png
export default defineUiCheck({
  name: 'Problems panel lists the missing snapshot filter warning (screenshot)',
  async run(ui) {
    const { page } = ui;
    await ui.openFile('e2e/snapshot_filter/e2e_latest_members.pipe');
    await ui.waitForExtensionsActivated();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.part.panel .markers-panel');
    await panel.waitFor({ state: 'visible', timeout: 15_000 });
    // The corpus has warnings of its own: narrow the list to this one.
    const filter = page.locator('.part.panel input[placeholder^="Filter"]').first();
    await filter.fill('e2e_member_snapshots');
    const warning = panel.locator('.monaco-list-row', { hasText: 'e2e_member_snapshots keeps several snapshots (snapshotId)' }).first();
    await warning.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await warning.innerText();
    assert.match(text, /Restrict it to one, e\.g\. WHERE snapshotId = \(SELECT max\(snapshotId\) FROM e2e_member_snapshots\)/);
    assert.match(text, /snapshot-filter/);
    assert.match(text, /\[Ln 6, Col 26\]/);
    assert.equal(await warning.locator('.codicon-warning').count(), 1, 'shown with the warning icon');
    await panel.locator('.monaco-list-row', { hasText: 'e2e_latest_members.pipe' }).first().waitFor({ state: 'visible' });
    // Wait for the filter to apply (the tree re-renders): the file row and its one warning.
    await panel.locator('.monaco-list-row').nth(2).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await panel.locator('.monaco-list-row').count(), 2);
    await page.mouse.move(5, 5);
    await ui.screenshot('problems-snapshot-filter');
    // Leave the next checks a workbench without the filter and the panel.
    await filter.fill('');
    await page.keyboard.press('Control+J'); // View: Toggle Panel Visibility
    await panel.waitFor({ state: 'hidden', timeout: 10_000 });
  },
});
