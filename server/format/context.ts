// What formatting a file needs besides its text.
import { readFileSync } from 'node:fs';
import type { Memo } from './sql/types';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FormatOptions {
  /** Maximum SQL line length (tb fmt `--line-length`, default 100). Datasources ignore it. */
  lineLength?: number;
  /** Environment for `$VAR` expansion in node SQL, node names and include paths (default: process.env). */
  env?: Env;
  /** Reads an included file; throws when it does not exist (default: the file system). */
  readFile?: (path: string) => string;
  /**
   * A templated node whose SQL sqlfmt cannot format keeps its lines as written. tb fmt re-indents such a
   * node by 4 spaces on every run; the editor must not drift on every save (the CLI keeps tb's output).
   */
  keepUnformattableTemplates?: boolean;
  /** Keeps answers across calls (tags' code repeats across files): a run formatting many files passes one. */
  memo?: Memo;
}

export interface FormatContext {
  fileName: string;
  lineLength: number;
  env: Env;
  readFile: (path: string) => string;
  keepUnformattableTemplates: boolean;
  memo?: Memo;
}

export const DEFAULT_LINE_LENGTH = 100;

export function resolveContext(fileName: string, options: FormatOptions): FormatContext {
  return {
    fileName,
    lineLength: options.lineLength ?? DEFAULT_LINE_LENGTH,
    env: options.env ?? process.env,
    readFile: options.readFile ?? ((path) => readFileSync(path, 'utf8')),
    keepUnformattableTemplates: options.keepUnformattableTemplates ?? false,
    memo: options.memo,
  };
}
