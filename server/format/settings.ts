// Which formatter formats a file: the built-in one (byte-identical to tb fmt 5.14.0), or the user's
// own `tb fmt` when the `tinybird.format` settings ask for it. This is the editor's path: a templated
// node that sqlfmt cannot format keeps its lines instead of drifting by 4 spaces on every save.
import { formatDatafile, type FormatResult } from './datafile';
import { formatWithTb } from './tbFmt';

export interface FormatSettings {
  provider?: 'builtin' | 'tb';
  /** The tb executable for the `tb` provider (default `tb` on PATH). */
  tbPath?: string;
}

export function formatWithSettings(text: string, fileName: string, settings: FormatSettings): Promise<FormatResult> {
  if (settings.provider === 'tb') return formatWithTb(text, fileName, { command: settings.tbPath || 'tb' });
  return Promise.resolve(formatDatafile(text, fileName, { keepUnformattableTemplates: true }));
}
