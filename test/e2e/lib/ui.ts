// Contract and helpers for Playwright-side checks (test/e2e/ui/*.ui.ts), run by the code-server
// runner against the real workbench in headless Chromium, after the in-host suite has finished.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS_DIR } from './paths';

export interface UiCheck {
  /** Shown in the results, e.g. "workbench shows a .pipe (screenshot)". */
  name: string;
  /** Per-check time limit; default 60 s. */
  timeoutMs?: number;
  run(ui: UiContext): Promise<void>;
}

/** Identity helper so check files get type checking: `export default defineUiCheck({...})`. */
export function defineUiCheck(check: UiCheck): UiCheck {
  return check;
}

export class UiContext {
  constructor(
    readonly page: Page,
    /** Absolute path of the test workspace (corpus at the root, fixtures under e2e/). */
    readonly workspace: string,
  ) {}

  /** Saves a PNG of the whole workbench as test-results/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would, and waits for its tab. */
  async openFile(relative: string): Promise<void> {
    const base = path.posix.basename(relative);
    await this.quickInput('Control+P', relative);
    // Quick Open lists matches asynchronously (file search runs on the server).
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    await this.page
      .locator('.tabs-container .tab.active', { hasText: base })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  }

  /**
   * Runs a command from the Command Palette by its label, e.g. "Format Document". The palette lists
   * matches by name, so "Show Lineage" also lists "Show Column Lineage" first: the row whose label is
   * exactly `label` is clicked.
   */
  async runCommand(label: string): Promise<void> {
    await this.quickInput('F1', label);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: label }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const exact = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    if (await exact.count()) await exact.click();
    else await this.page.keyboard.press('Enter');
  }

  /** Waits until the active editor shows `text` (in its rendered lines). */
  async expectEditorText(text: string, timeoutMs = 15_000): Promise<void> {
    await this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: text })
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Waits until the active editor is colorized by a TextMate grammar (some token is not default-colored). */
  async waitForSyntaxHighlighting(timeoutMs = 15_000): Promise<void> {
    await this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines span[class*="mtk"]:not(.mtk1)')
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Waits until the status bar no longer shows "Activating Extensions...". */
  async waitForExtensionsActivated(timeoutMs = 30_000): Promise<void> {
    await this.page
      .locator('.part.statusbar .statusbar-item', { hasText: 'Activating Extensions' })
      .first()
      .waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** The status bar's language mode of the active editor, e.g. "Tinybird Pipe". */
  async languageMode(timeoutMs = 15_000): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await item.innerText()).trim();
  }

  private async quickInput(key: string, text: string): Promise<void> {
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(key === 'F1' ? `>${text}` : text);
  }
}
