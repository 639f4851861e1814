// Publishes diagnostics in time slices: the newest request goes first, and work yields every few
// milliseconds so an edit that arrives meanwhile does not wait for a whole batch. Closed files are
// re-sent only when their diagnostics changed. Files are computed a few at a time, so the rules'
// time limit (one watchdog per call) costs little.
import type { Diagnostic } from 'vscode-languageserver';

export interface PublisherHooks {
  /** Diagnostics of each path, in order (all exist). */
  compute(paths: string[]): Diagnostic[][];
  send(path: string, diagnostics: Diagnostic[]): void;
  isOpen(path: string): boolean;
  /** Whether the file still exists; a vanished file gets its diagnostics cleared, then is forgotten. */
  exists(path: string): boolean;
  onError(path: string, error: unknown): void;
}

const SLICE_MS = 4;
/** Files per compute call: about one slice's work at the corpus's average file. */
const BATCH = 8;

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

  /** Resolves once nothing is pending or scheduled (checked after the publishes already queued run). */
  async whenIdle(): Promise<void> {
    do await new Promise((resolve) => setImmediate(resolve));
    while (this.scheduled || this.pending.size);
  }

  private flush(): void {
    const deadline = performance.now() + SLICE_MS;
    while (this.pending.size) {
      const batch: string[] = [];
      for (const path of this.pending) {
        this.pending.delete(path);
        batch.push(path);
        if (batch.length === BATCH) break;
      }
      this.publishBatch(batch);
      if (performance.now() > deadline) {
        setImmediate(() => this.flush());
        return;
      }
    }
    this.scheduled = false;
  }

  /** Never throws: a batch that fails is computed file by file, and a failing file is reported through onError. */
  private publishBatch(paths: string[]): void {
    const present = paths.filter((p) => this.hooks.exists(p));
    let computed: Diagnostic[][];
    try {
      computed = present.length ? this.hooks.compute(present) : [];
    } catch (e) {
      if (paths.length === 1) return this.hooks.onError(paths[0], e);
      for (const path of paths) this.publishBatch([path]);
      return;
    }
    present.forEach((path, i) => this.deliver(path, computed[i]));
    for (const path of paths) if (!this.hooks.exists(path)) this.deliver(path, []);
  }

  private deliver(path: string, diagnostics: Diagnostic[]): void {
    try {
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
