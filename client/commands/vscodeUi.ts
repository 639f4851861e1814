// The Ui of the command logic, implemented with the VS Code API.
import * as vscode from 'vscode';
import type { TemplateParameter } from '../../server/protocol';
import type { InputOptions, PickItem, Progress, ResultView, Ui } from '../tinybird/ui';
import type { ParamsForms } from './paramsPanel';
import type { RemoteDocuments } from './remoteDocuments';
import type { ResultsPanels } from './resultsPanel';

export class VsCodeUi implements Ui {
  constructor(
    private readonly results: ResultsPanels,
    private readonly remote: RemoteDocuments,
    private readonly forms: ParamsForms,
  ) {}

  async pick<T>(items: PickItem<T>[], placeholder: string): Promise<T | undefined> {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: placeholder, ignoreFocusOut: true, matchOnDescription: true });
    return picked?.value;
  }

  input(prompt: string, options: InputOptions = {}): Promise<string | undefined> {
    const validate = options.validate;
    return Promise.resolve(
      vscode.window.showInputBox({
        prompt,
        title: options.title,
        value: options.value,
        placeHolder: options.placeholder,
        password: options.password,
        ignoreFocusOut: true,
        validateInput: validate ? (v) => validate(v) ?? null : undefined,
      }),
    );
  }

  confirm(message: string, detail: string, actions: string[], cancelFirst = false): Promise<string | undefined> {
    if (!cancelFirst) return Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions));
    // A modal dialog always makes the first action its default button; a quick pick can start on Cancel instead.
    const cancel = { label: '$(close) Cancel', value: undefined };
    const items = [cancel, ...actions.map((a) => ({ label: `$(warning) ${a}`, detail, value: a }))];
    return this.pick(items, `${message} (Enter cancels)`);
  }

  withProgress<T>(title: string, task: (progress: Progress) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return task({ signal: controller.signal, report: (message, increment) => progress.report({ message, increment }) });
      }),
    );
  }

  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  }

  error(message: string): void {
    void vscode.window.showErrorMessage(message);
  }

  async chooseFile(title: string, folder: string): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({ title, defaultUri: vscode.Uri.file(folder), canSelectMany: false, filters: { 'NDJSON or CSV': ['ndjson', 'csv'] } });
    return picked?.[0]?.fsPath;
  }

  paramsForm(pipe: string, params: TemplateParameter[], values: Record<string, string>, action: string): Promise<Record<string, string> | undefined> {
    return this.forms.ask(pipe, params, values, action);
  }

  showResult(view: ResultView): void {
    this.results.show(view);
  }

  async showDiff(title: string, remoteText: string, remoteName: string, localUri: string): Promise<void> {
    const left = this.remote.put(remoteName, remoteText);
    await vscode.commands.executeCommand('vscode.diff', left, vscode.Uri.parse(localUri), title);
  }
}
