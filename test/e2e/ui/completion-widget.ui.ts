import * as assert from 'node:assert/strict';
import { defineUiCheck } from '../lib/ui';

// Typing in a node's SELECT list opens the suggest widget with the columns of the table read
// (e2e_page_views), and ranks the functions by their calls in the workspace: after `bitmap`,
// bitmapCardinality (called twice in e2e_page_stats.pipe) comes before bitmapBuild (once), both before
// bitmapAnd (never called), although alphabetically bitmapAnd comes first.
// Screenshot: test-results/e2e/completion-widget.png
export default defineUiCheck({
  name: 'completion widget offers the columns in scope and the functions the project calls most (screenshot)',
  async run(ui) {
    const { page } = ui;
    await ui.openFile('e2e/completion/e2e_page_stats.pipe');
    await ui.waitForExtensionsActivated();
    await ui.expectEditorText('FROM e2e_page_views');
    const widget = page.locator('.editor-widget.suggest-widget');
    const rows = widget.locator('.monaco-list-row');
    // Opens the widget with Ctrl+Space; the server may still be indexing, so it retries until `row` shows.
    const suggest = async (row: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await page.keyboard.press('Control+Space');
        try {
          await rows.filter({ hasText: row }).first().waitFor({ state: 'visible', timeout: 3_000 });
          return;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await page.keyboard.press('Escape');
        }
      }
    };

    // A new SELECT item on its own line after `e2e_page,`.
    await page.locator('.editor-group-container.active .view-lines .view-line', { hasText: 'e2e_page,' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('e2e_vi');
    await suggest('e2e_visitor');
    assert.match(await rows.first().innerText(), /^e2e_visitor/);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('bitmap');
    await suggest('bitmapCardinality');
    const labels = (await rows.allInnerTexts()).map((t) => t.split('\n')[0]);
    assert.deepEqual(labels.slice(0, 2), ['bitmapCardinality', 'bitmapBuild'], `rows: ${labels.join(', ')}`);
    assert.ok(labels.indexOf('bitmapAnd') > 1, `bitmapAnd after the called ones: ${labels.join(', ')}`);
    assert.match(await rows.first().innerText(), /2 in project/);
    await ui.screenshot('completion-widget');
    await page.keyboard.press('Escape');
    // Leave the fixture unchanged for later checks.
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
  },
});
