// Webview panels showing query results, with copy to the clipboard and export to CSV/JSON files.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { toCsv, toJson } from '../tinybird/export';
import { resultsHtml } from '../tinybird/resultsHtml';
import type { ResultView } from '../tinybird/ui';

interface GridMessage {
  action: 'copy' | 'export';
  format: 'csv' | 'json';
}

/** Writes beside the target and renames, so a failed write never leaves a half-written file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

export class ResultsPanels {
  show(view: ResultView): void {
    const panel = vscode.window.createWebviewPanel('tinybird.results', `${view.title} · ${view.environment}`, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    panel.webview.html = resultsHtml(view, randomBytes(16).toString('base64'), panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((msg: GridMessage) => void this.handle(view, msg));
  }

  private async handle(view: ResultView, msg: GridMessage): Promise<void> {
    const text = msg.format === 'csv' ? toCsv(view.result) : toJson(view.result);
    if (msg.action === 'copy') {
      await vscode.env.clipboard.writeText(text);
      return;
    }
    const target = await vscode.window.showSaveDialog({ filters: msg.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] } });
    if (!target) return;
    try {
      await writeAtomically(target.fsPath, text);
    } catch (err) {
      void vscode.window.showErrorMessage(`Could not write ${target.fsPath}: ${(err as Error).message}`);
    }
  }
}
