// The datafile layer of a formatter byte-identical to `tb fmt` 5.14.0 (datafile-format.md §4).
import { basename } from 'node:path';
import type { FileKind } from '../parser/ast';
import { includeKind, parseDatafile } from '../parser/datafile';
import { resolveContext, type FormatOptions } from './context';
import { formatDatasource } from './datasource';
import { formatPipe } from './pipe';
import { FormatRefusal } from './refusal';
import { checkParsed } from './validate';
import { formatOversizeMessage, MAX_FORMAT_CHARS } from '../workspace/limits';

export type { FormatOptions } from './context';
export type FormatResult = { ok: true; text: string } | { ok: false; error: string };

export const UNSUPPORTED_FILE_TYPE = 'Unsupported file type. Supported files types are: .pipe, .incl and .datasource';

/** Python's `Path(name).suffixes`. */
function suffixes(fileName: string): string[] {
  const name = basename(fileName);
  if (name.endsWith('.')) return [];
  return name.replace(/^\.+/, '').split('.').slice(1).map((s) => `.${s}`);
}

/** How tb fmt treats a file: by extension, and by content for `.incl`; undefined when unsupported. */
export function formatKind(text: string, fileName: string): FileKind | undefined {
  const ext = suffixes(fileName);
  if (ext.includes('.datasource')) return 'datasource';
  if (ext.includes('.incl')) return includeKind(text);
  return ext.includes('.pipe') ? 'pipe' : undefined;
}

/** Formats a datafile like `tb fmt`; refuses (ok: false) wherever tb fmt fails. */
export function formatDatafile(text: string, fileName: string, options: FormatOptions = {}): FormatResult {
  const kind = formatKind(text, fileName);
  if (!kind) return { ok: false, error: UNSUPPORTED_FILE_TYPE };
  if (text.length > MAX_FORMAT_CHARS) return { ok: false, error: formatOversizeMessage(text.length) };
  const ctx = resolveContext(fileName, options);
  try {
    const doc = parseDatafile(text, kind);
    checkParsed(doc, ctx.env);
    const out = kind === 'datasource' ? formatDatasource(doc) : formatPipe(doc, ctx);
    let end = out.length;
    while (end > 0 && out.charCodeAt(end - 1) === 10) end--;
    return { ok: true, text: `${out.slice(0, end)}\n` };
  } catch (e) {
    if (e instanceof FormatRefusal) return { ok: false, error: e.message };
    return { ok: false, error: `internal formatter error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}
