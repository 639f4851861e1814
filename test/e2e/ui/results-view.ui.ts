import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineUiCheck } from '../lib/ui';
import { queryResponse, TinybirdApiServer } from '../../tinybird/apiServer';

// Run Endpoint as a user does it, against the Tinybird API test server (started here, on 127.0.0.1
// with a random port): the environment's host comes from the workspace settings, the token is
// entered with "Tinybird: Set Token", the parameters form is submitted, and the results view renders.
// Screenshot: test-results/e2e/results-view.png
export default defineUiCheck({
  name: 'Run Endpoint renders the results view (screenshot)',
  timeoutMs: 90_000,
  async run(ui) {
    const { page } = ui;
    const api = await TinybirdApiServer.start({ localTokens: false });
    const settingsFile = path.join(ui.workspace, '.vscode', 'settings.json');
    const before = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    try {
      // The endpoint as a push would have left it.
      api.addDatasource('e2e_events');
      api.pipes.set('e2e_events_by_kind', {
        id: 't_e2e_pipe',
        name: 'e2e_events_by_kind',
        type: 'endpoint',
        nodes: [{ id: 't_e2e_node', name: 'e2e_count', node_type: 'endpoint', sql: 'SELECT kind, count() AS total FROM e2e_window GROUP BY kind' }],
        schedule: null,
      });
      api.endpoints.set('e2e_events_by_kind', {
        respond: () => queryResponse([{ name: 'kind', type: 'LowCardinality(String)' }, { name: 'total', type: 'UInt64' }], [{ kind: 'click', total: 3 }, { kind: 'view', total: 5 }]),
      });
      const settings = { ...(before ? (JSON.parse(before) as object) : {}), 'tinybird.environments': { E2E: { host: api.url } }, 'tinybird.defaultEnvironment': 'E2E' };
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

      await ui.openFile('e2e/e2e_events_by_kind.pipe');
      await page.mouse.move(5, 5); // off the new tab (Quick Open's row was there), so no tooltip stays
      await ui.waitForExtensionsActivated();
      const quickInput = page.locator('.quick-input-widget');
      const input = quickInput.locator('input').first();

      // Tinybird: Set Token → pick E2E → paste the token.
      await ui.runCommand('Tinybird: Set Token');
      await quickInput.locator('input[placeholder="Environment to set the token for"]').waitFor({ state: 'visible', timeout: 15_000 });
      await quickInput.locator('.monaco-list-row', { hasText: api.url }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('E2E');
      await page.keyboard.press('Enter');
      await quickInput.locator('.quick-input-message, .quick-input-header', { hasText: 'Token for E2E' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(api.token);
      await page.keyboard.press('Enter');
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'Token for E2E saved' }).waitFor({ state: 'visible', timeout: 15_000 });

      // Tinybird: Run Endpoint → the parameters form, prefilled with the default of startDate; click Run.
      await ui.runCommand('Tinybird: Run Endpoint');
      await page.locator('.tabs-container .tab', { hasText: 'e2e_events_by_kind · parameters' }).waitFor({ state: 'visible', timeout: 15_000 });
      const form = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      const startDate = form.locator('input[name="startDate"]');
      await startDate.waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await startDate.inputValue(), '2024-01-01 00:00:00');
      assert.match(await form.locator('.meta').first().innerText(), /DateTime · optional · default 2024-01-01 00:00:00/);
      await form.locator('button[type="submit"]').click();

      await page.locator('.tabs-container .tab', { hasText: 'e2e_events_by_kind.json · E2E' }).waitFor({ state: 'visible', timeout: 20_000 });
      // Webviews are an iframe (the host page) holding the content iframe (#active-frame).
      const content = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      await content.locator('table tbody tr').nth(1).waitFor({ state: 'visible', timeout: 20_000 });
      assert.deepEqual(await content.locator('thead th').allInnerTexts(), ['kind\nLowCardinality(String)', 'total\nUInt64']);
      assert.deepEqual(await content.locator('tbody tr').allInnerTexts(), ['click\t3', 'view\t5']);
      assert.match(await content.locator('.stats').innerText(), /^E2E · 2 rows · /);
      assert.equal(await content.locator('.params').innerText(), 'Parameters: startDate=2024-01-01 00:00:00');
      // Sorting: the second click on `total` sorts it descending; the filter hides the rows without the text.
      await content.locator('thead th', { hasText: 'total' }).click();
      await content.locator('thead th', { hasText: 'total' }).click();
      assert.deepEqual(await content.locator('tbody tr').allInnerTexts(), ['view\t5', 'click\t3']);
      await content.locator('#filter').fill('cli');
      assert.deepEqual(await content.locator('tbody tr:not([hidden])').allInnerTexts(), ['click\t3']);
      await content.locator('#filter').fill('');
      await content.locator('thead th', { hasText: 'kind' }).click();

      const queries = api.requests.filter((r) => r.path === '/v0/pipes/e2e_events_by_kind.json');
      assert.equal(queries.length, 1);
      assert.deepEqual(queries[0].query, { startDate: ['2024-01-01 00:00:00'] });
      assert.equal(queries[0].headers.authorization, `Bearer ${api.token}`);
      assert.ok(api.requests.every((r) => !r.query.token), 'no token in any URL');
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'e2e_events_by_kind on E2E' }).waitFor({ state: 'hidden', timeout: 15_000 });
      await page.mouse.move(5, 5);
      await ui.screenshot('results-view');
    } finally {
      // The results view opened a second editor group: leave the next checks a single group.
      await ui.runCommand('View: Close All Editor Groups').catch(() => {});
      if (before === undefined) fs.rmSync(settingsFile, { force: true });
      else fs.writeFileSync(settingsFile, before);
      await api.close();
    }
  },
});
