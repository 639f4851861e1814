// Publishes diagnostics in time slices: the newest request goes first, and work yields every few
// milliseconds so an edit that arrives meanwhile does not wait for a whole batch. Closed files are
// re-sent only when their diagnostics changed.
import type { Diagnostic } from 'vscode-languageserver';

export interface PublisherHooks {
  compute(path: string): Diagnostic[];
  send(path: string, diagnostics: Diagnostic[]): void;
  isOpen(path: string): boolean;
  /** Whether the file still exists; a vanished file gets its diagnostics cleared, then is forgotten. */
  exists(path: string): boolean;
  onError(path: string, error: unknown): void;
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
      this.publishOne(path);
      if (performance.now() > deadline) {
        setImmediate(() => this.flush());
        return;
      }
    }
    this.scheduled = false;
  }

  /** Never throws: a failure is reported through onError and the queue goes on. */
  private publishOne(path: string): void {
    try {
      const diagnostics = this.hooks.exists(path) ? this.hooks.compute(path) : [];
      const key = JSON.stringify(diagnostics);
      if (this.hooks.isOpen(path) || this.lastSent.get(path) !== key) {
        this.lastSent.set(path, key);
        this.hooks.send(path, diagnostics);
      }
      if (!this.hooks.exists(path)) this.lastSent.delete(path);
    } catch (e) {
      this.hooks.onError(path, e);
    }
  }
}
