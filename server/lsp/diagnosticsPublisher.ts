// Publishes diagnostics in time slices: the newest request goes first, and work yields every few
// milliseconds so an edit that arrives meanwhile does not wait for a whole batch. Closed files are
// re-sent only when their diagnostics changed.
import type { Diagnostic } from 'vscode-languageserver';

export interface PublisherHooks {
  compute(path: string): Diagnostic[];
  send(path: string, diagnostics: Diagnostic[]): void;
  isOpen(path: string): boolean;
}

const SLICE_MS = 4;

export class DiagnosticsPublisher {
  private pending = new Set<string>();
  private scheduled = false;
  private readonly lastSent = new Map<string, string>();

  constructor(private readonly hooks: PublisherHooks) {}

  publish(paths: Iterable<string>): void {
    this.pending = new Set([...paths, ...this.pending]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const deadline = performance.now() + SLICE_MS;
    for (const path of this.pending) {
      this.pending.delete(path);
      const diagnostics = this.hooks.compute(path);
      const key = JSON.stringify(diagnostics);
      if (this.hooks.isOpen(path) || this.lastSent.get(path) !== key) {
        this.lastSent.set(path, key);
        this.hooks.send(path, diagnostics);
      }
      if (performance.now() > deadline) {
        setImmediate(() => this.flush());
        return;
      }
    }
    this.scheduled = false;
  }
}
