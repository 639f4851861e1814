// "Tinybird: Install Local Engine": chDB into the extension's global storage, then tinybird.engine.path
// points there (the language server picks it up with the settings change).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CHDB_VERSION, InstallCancelled, installEngine } from '../engine/install';

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

export function registerInstallEngine(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('tinybird.installLocalEngine', async () => {
    const dest = path.join(context.globalStorageUri.fsPath, 'engine');
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Tinybird: installing the local engine (chDB ${CHDB_VERSION})`, cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          const shown = new Map<string, number>();
          return installEngine({
            dest,
            signal: controller.signal,
            onProgress: (what, received, total) => {
              // Two packages: each fills half of the bar.
              const percent = total ? (received / total) * 50 : 0;
              const increment = percent - (shown.get(what) ?? 0);
              shown.set(what, percent);
              progress.report({ message: `${what} ${mb(received)}${total ? ` of ${mb(total)}` : ''} MB`, increment: increment >= 1 || !total ? increment : undefined });
            },
          });
        },
      );
      await vscode.workspace.getConfiguration('tinybird').update('engine.path', dest, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`Tinybird: the local engine is installed in ${dest}.`);
    } catch (e) {
      if (e instanceof InstallCancelled) return;
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  });
}
