// Workspace state that says when a key changes, so views built from remembered values (compiled SQL
// shows the parameter values Run endpoint and the parameters form store) refresh.
import * as vscode from 'vscode';
import type { Memory } from '../tinybird/params';

export class ObservedMemory implements Memory, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidUpdate = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  keys(): readonly string[] {
    return this.state.keys();
  }

  get<T>(key: string): T | undefined {
    return this.state.get<T>(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    await this.state.update(key, value);
    this.changed.fire(key);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
