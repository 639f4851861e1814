// Webview panels showing query results, with copy to the clipboard, export to CSV/JSON files, Copy as curl,
// and the pipe's last runs of the session.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { toCsv, toJson } from '../tinybird/export';
import { resultsHtml, type GridMessage } from '../tinybird/resultsHtml';
import { RunHistory } from '../tinybird/runHistory';
import type { ResultView } from '../tinybird/ui';

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
  private readonly history = new RunHistory<ResultView>();

  show(view: ResultView): void {
    const runs = view.pipe ? this.history.add(view.pipe, view) : [view];
    const panel = vscode.window.createWebviewPanel('tinybird.results', `${view.title} · ${view.environment}`, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    let shown = view;
    const render = () => (panel.webview.html = resultsHtml(shown, randomBytes(16).toString('base64'), panel.webview.cspSource, runs));
    render();
    panel.webview.onDidReceiveMessage((msg: GridMessage) => {
      if (msg.action === 'showRun') {
        shown = runs[msg.index] ?? shown;
        render();
      } else void this.handle(shown, msg);
    });
  }

  private async handle(view: ResultView, msg: Exclude<GridMessage, { action: 'showRun' }>): Promise<void> {
    if (msg.action === 'copyText' || msg.action === 'curl') {
      await vscode.env.clipboard.writeText(msg.action === 'curl' ? (view.curl ?? '') : msg.text);
      void vscode.window.setStatusBarMessage(msg.action === 'curl' ? 'Copied as curl (token as $TB_TOKEN)' : 'Copied', 2000);
      return;
    }
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
