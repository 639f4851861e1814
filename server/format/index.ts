// Public API of the formatter (independent of the LSP connection).
export { formatDatafile, formatKind, UNSUPPORTED_FILE_TYPE, type FormatResult } from './datafile';
export { DEFAULT_LINE_LENGTH, type FormatOptions } from './context';
export { replaceAllEdits } from './edits';
export { unifiedDiff } from './diff';
export { formatWithSettings, type FormatSettings } from './settings';
