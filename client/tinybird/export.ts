// CSV and JSON renderings of a query result, for copy and export from the result grid.
import type { QueryResult } from './schemas';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row, in the column order of `meta`. */
export function toCsv(result: QueryResult): string {
  const names = result.meta.map((m) => m.name);
  const rows = [names, ...result.data.map((row) => names.map((n) => cell(row[n])))];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The rows as a JSON array. */
export function toJson(result: QueryResult): string {
  return JSON.stringify(result.data, null, 2) + '\n';
}

export function cellText(value: unknown): string {
  return cell(value);
}
