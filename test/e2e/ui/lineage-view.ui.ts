import * as assert from 'node:assert/strict';
import { defineUiCheck } from '../lib/ui';

// "Tinybird: Show Lineage" on e2e_member_snapshots.datasource opens the lineage webview beside the
// editor, centred on the datasource (its writer upstream, its reader downstream), with the depth
// controls at 2; typing in the search box highlights the matching box and dims the others. Then
// "Tinybird: Show Column Lineage" on the `id` column shows its path in the same view.
// Screenshots: test-results/e2e/lineage-view.png, lineage-column.png
export default defineUiCheck({
  name: 'lineage view shows the focused resource and its search box filters (screenshot)',
  async run(ui) {
    const { page } = ui;
    await ui.openFile('e2e/snapshot_filter/e2e_member_snapshots.datasource');
    await ui.waitForExtensionsActivated();
    await ui.runCommand('Tinybird: Show Lineage');
    await page.locator('.tabs-container .tab', { hasText: 'Lineage · e2e_member_snapshots' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'beside the editor, in a group of its own');

    // Webviews are an iframe (the host page) holding the content iframe (#active-frame).
    const view = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    const root = view.locator('.box.root');
    await root.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await root.locator('.name').textContent() ?? '', /^e2e_member_snapshots$/);
    assert.equal(await view.locator('#title').textContent(), 'e2e_member_snapshots');
    const names = await view.locator('.box .name').allTextContents();
    assert.deepEqual([...names].sort(), ['e2e_events', 'e2e_latest_members', 'e2e_member_snapshots', 'e2e_member_snapshots_copy']);
    assert.deepEqual(await view.locator('button[aria-pressed="true"]').allTextContents(), ['2', '2'], 'depth 2 up and down');

    await view.locator('#search').fill('latest');
    await view.locator('.box.match').first().waitFor({ state: 'visible', timeout: 5_000 });
    assert.deepEqual(await view.locator('.box.match .name').allTextContents(), ['e2e_latest_members']);
    assert.equal(await view.locator('.box.dim').count(), 3);
    assert.equal(await view.locator('#found').textContent(), '1 found');
    await ui.screenshot('lineage-view');
    await view.locator('#search').fill('');
    assert.equal(await view.locator('.box.dim').count(), 0);

    // The column at the cursor: its writer (the copy's `id`), the column that reads, and its reader.
    const line = page.locator('.editor-group-container .view-lines .view-line', { hasText: '`id` String' }).first();
    await line.locator('span span', { hasText: 'id' }).first().click();
    await ui.runCommand('Tinybird: Show Column Lineage');
    await page.locator('.tabs-container .tab', { hasText: 'Lineage · e2e_member_snapshots.id' }).waitFor({ state: 'visible', timeout: 15_000 });
    await view.locator('.box.root .name', { hasText: 'e2e_member_snapshots.id' }).waitFor({ state: 'visible', timeout: 15_000 });
    const titles = await view.locator('.box title').allTextContents();
    assert.deepEqual([...titles].sort(), [
      'e2e_events.id — String · raw',
      'e2e_latest_members — endpoint · 1 use',
      'e2e_member_snapshots.id — String',
      'e2e_member_snapshots_copy › e2e_member_snapshots_copy_node — id',
    ]);
    assert.ok(await view.locator('#up').isHidden(), 'no depth controls for a column');
    await ui.screenshot('lineage-column');
  },
});
