// The status-bar item showing the current Tinybird environment; clicking it switches environments.
import * as vscode from 'vscode';
import type { ProjectEnvironments } from '../tinybird/context';
import type { Environment } from '../tinybird/environments';

export function createEnvironmentStatus(environments: ProjectEnvironments, rootOf: () => Promise<string>): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tinybird.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Tinybird environment';
  item.command = 'tinybird.selectEnvironment';
  const refresh = async () => {
    let env: Environment | undefined;
    let why = '';
    try {
      env = await environments.current(await rootOf());
    } catch (err) {
      why = err instanceof Error ? err.message : String(err);
    }
    item.text = `$(database) Tinybird: ${env?.name ?? 'no environment'}`;
    item.tooltip = env ? `${env.name}: ${env.host}${env.production ? ' (production)' : ''} — click to switch` : `No Tinybird environment: ${why} — click to choose another`;
    item.backgroundColor = env?.production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  environments.onDidChange(() => void refresh());
  const settings = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tinybird') && void refresh());
  void refresh();
  item.show();
  return vscode.Disposable.from(item, settings);
}
