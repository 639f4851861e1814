import * as assert from 'node:assert/strict';
import { defineUiCheck } from '../lib/ui';

// Screenshot of the workbench with a .pipe open: test-results/e2e/workbench-pipe.png
export default defineUiCheck({
  name: 'workbench shows a .pipe in the editor (screenshot)',
  async run(ui) {
    await ui.openFile('e2e/e2e_events_by_kind.pipe');
    await ui.expectEditorText('NODE e2e_count');
    assert.equal(await ui.languageMode(), 'Tinybird Pipe');
    await ui.waitForExtensionsActivated();
    await ui.waitForSyntaxHighlighting();
    await ui.screenshot('workbench-pipe');
  },
});
