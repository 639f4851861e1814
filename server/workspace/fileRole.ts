// What a datafile is, by its name. Kept free of parser imports so the extension can use it too.

export type FileRole = 'datasource' | 'pipe' | 'include';

/** Marks the hidden copies the `tb fmt` delegate writes next to a file (`.name.tbfmt-1a2b.pipe`). */
export const TB_FMT_COPY_MARK = '.tbfmt-';

export function roleOf(filePath: string): FileRole | undefined {
  const base = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  if (base.startsWith('.') && base.includes(TB_FMT_COPY_MARK)) return undefined; // a transient copy, not part of the project
  if (base.endsWith('.datasource')) return 'datasource';
  if (base.endsWith('.pipe')) return 'pipe';
  if (base.endsWith('.incl')) return 'include';
  return undefined;
}
