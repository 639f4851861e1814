// Query results printed as Tinybird's API JSON, NDJSON, CSV or an aligned text table.
import type { QueryResult } from '../server/protocol';

export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function csvCell(value: unknown): string {
  const text = cell(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatResult(result: QueryResult, format: OutputFormat): string {
  const names = result.meta.map((m) => m.name);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ meta: result.meta, data: result.data, rows: result.rows, statistics: result.statistics }, null, 2)}\n`;
    case 'ndjson':
      return result.data.map((row) => `${JSON.stringify(row)}\n`).join('');
    case 'csv':
      return [names, ...result.data.map((row) => names.map((n) => row[n]))].map((r) => `${r.map(csvCell).join(',')}\n`).join('');
    case 'table': {
      const rows = [names, ...result.data.map((row) => names.map((n) => cell(row[n])))];
      const widths = names.map((_, k) => Math.max(...rows.map((r) => r[k].length)));
      const line = (r: string[]) => `${r.map((c, k) => c.padEnd(widths[k])).join(' | ').trimEnd()}\n`;
      return [line(rows[0]), `${widths.map((w) => '-'.repeat(w)).join('-+-')}\n`, ...rows.slice(1).map(line), `${result.rows} row${result.rows === 1 ? '' : 's'}\n`].join('');
    }
  }
}
