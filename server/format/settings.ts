// Which formatter formats a file: the built-in one (byte-identical to tb fmt 5.14.0), or the user's
// own `tb fmt` when the `tinybird.format` settings ask for it. This is the editor's path: a templated
// node that sqlfmt cannot format keeps its lines instead of drifting by 4 spaces on every save.
import * as path from 'node:path';
import { formatDatafile, type FormatResult } from './datafile';
import { formatWithTb } from './tbFmt';

export interface FormatSettings {
  provider?: 'builtin' | 'tb';
  /** The tb executable for the `tb` provider (default `tb` on PATH). */
  tbPath?: string;
}

/** The executable `tbPath` names: a bare name is looked up on PATH, a relative path is taken from the
 * workspace folder holding the file (never the file's own folder, which a repository controls). */
export function resolveTbCommand(tbPath: string | undefined, fileName: string, roots: readonly string[]): { command: string } | { error: string } {
  const command = tbPath?.trim() || 'tb';
  if (path.isAbsolute(command) || !/[\\/]/.test(command)) return { command };
  const file = path.resolve(fileName);
  const holding = roots.filter((root) => file.startsWith(path.resolve(root) + path.sep)).sort((a, b) => b.length - a.length)[0];
  const root = holding ?? (roots.length === 1 ? roots[0] : undefined);
  if (!root) return { error: `tinybird.format.tbPath "${command}" is relative and there is no workspace folder to resolve it against; use an absolute path` };
  return { command: path.resolve(root, command) };
}

export function formatWithSettings(text: string, fileName: string, settings: FormatSettings, roots: readonly string[] = []): Promise<FormatResult> {
  if (settings.provider !== 'tb') return Promise.resolve(formatDatafile(text, fileName, { keepUnformattableTemplates: true }));
  const resolved = resolveTbCommand(settings.tbPath, fileName, roots);
  if ('error' in resolved) return Promise.resolve({ ok: false, error: resolved.error });
  return formatWithTb(text, fileName, { command: resolved.command });
}
