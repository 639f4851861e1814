// Reports a scan as LSP work-done progress ("Indexing 212/427"), when the client supports it.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

export interface ScanProgress {
  report(done: number, total: number): void;
  done(): void;
}

export function indexingProgress(connection: Connection, title: string): ScanProgress {
  // Creating the token is a round trip to the client: the scan does not wait for it.
  const reporter: Promise<WorkDoneProgressServerReporter | undefined> = connection.window.createWorkDoneProgress().then(
    (r) => {
      r.begin(title, 0, 'Indexing', false);
      return r;
    },
    () => undefined,
  );
  return {
    report(done, total) {
      void reporter.then((r) => r?.report(total ? Math.round((done / total) * 100) : 100, `Indexing ${done}/${total}`));
    },
    done() {
      void reporter.then((r) => r?.done());
    },
  };
}
