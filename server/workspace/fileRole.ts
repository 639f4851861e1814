// What a datafile is, by its extension. Kept free of parser imports so the extension can use it too.

export type FileRole = 'datasource' | 'pipe' | 'include';

export function roleOf(filePath: string): FileRole | undefined {
  if (filePath.endsWith('.datasource')) return 'datasource';
  if (filePath.endsWith('.pipe')) return 'pipe';
  if (filePath.endsWith('.incl')) return 'include';
  return undefined;
}
