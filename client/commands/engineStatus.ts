// The status-bar item showing the embedded ClickHouse engine's state, as the language server reports it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type EngineStatus } from '../../server/protocol';
import { engineStatusView } from '../tinybird/engineStatusView';

/** Hidden until the server first reports the engine (it does once a datafile is open). */
export function createEngineStatus(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tinybird.engine', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Tinybird embedded ClickHouse';
  const listener = client.onNotification(Notifications.engineState, (status: EngineStatus) => {
    const view = engineStatusView(status);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = view.command;
    item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  });
  return vscode.Disposable.from(item, listener);
}
