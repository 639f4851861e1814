// What command logic needs from the editor, so it runs (and is tested) without VS Code.
import type { TemplateParameter } from '../../server/protocol';
import type { QueryResult } from './schemas';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface Progress {
  report(message: string, increment?: number): void;
  /** Aborted when the user cancels the notification. */
  signal: AbortSignal;
}

export interface InputOptions {
  title?: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** An error text, or undefined when the value is acceptable. */
  validate?: (value: string) => string | undefined;
}

export interface ResultView {
  title: string;
  environment: string;
  result: QueryResult;
  /** The pipe the run belongs to: its last runs are offered in the grid. */
  pipe?: string;
  /** The request parameters sent, shown above the rows. */
  params?: Record<string, string>;
  /** The request as a curl command with `$TB_TOKEN` for the token. */
  curl?: string;
  /** When it ran (ISO time). */
  at?: string;
}

export interface Ui {
  pick<T>(items: PickItem<T>[], placeholder: string): Promise<T | undefined>;
  input(prompt: string, options?: InputOptions): Promise<string | undefined>;
  /** A modal question; resolves to the chosen action, or undefined when dismissed. `cancelFirst` (production writes)
   * makes Cancel the default, so Enter never confirms. */
  confirm(message: string, detail: string, actions: string[], cancelFirst?: boolean): Promise<string | undefined>;
  /** A cancellable progress notification around `task`. */
  withProgress<T>(title: string, task: (progress: Progress) => Promise<T>): Promise<T>;
  info(message: string): void;
  error(message: string): void;
  /** An NDJSON/CSV file chosen in a file dialog, starting at `folder`. */
  chooseFile(title: string, folder: string): Promise<string | undefined>;
  /** The parameters form of a pipe, prefilled with `values`; resolves to the checked non-empty values, or undefined when cancelled. */
  paramsForm(pipe: string, params: TemplateParameter[], values: Record<string, string>, action: string): Promise<Record<string, string> | undefined>;
  showResult(view: ResultView): void;
  /** Opens a diff of `remoteText` (left) against the local file (right). */
  showDiff(title: string, remoteText: string, remoteName: string, localUri: string): Promise<void>;
}
