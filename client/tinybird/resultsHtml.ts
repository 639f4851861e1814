// The result grid's HTML: the parameters used, columns with their types (click to sort), the rows (a filter
// box hides the others; click a cell to copy it, shift-click to copy its row), the row count and statistics,
// the pipe's earlier runs of the session, and buttons posting copy/export/curl messages to the extension.
import { cellText } from './export';
import type { ResultView } from './ui';
import { esc } from './html';

function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

export function statisticsLine(view: ResultView): string {
  const { result } = view;
  const s = result.statistics ?? {};
  const parts = [`${result.rows} row${result.rows === 1 ? '' : 's'}`];
  if (result.rows_before_limit_at_least !== undefined && result.rows_before_limit_at_least > result.rows) parts.push(`at least ${result.rows_before_limit_at_least} before LIMIT`);
  if (s.elapsed !== undefined) parts.push(`${(s.elapsed * 1000).toFixed(1)} ms`);
  if (s.rows_read !== undefined) parts.push(`${s.rows_read} rows read`);
  if (s.bytes_read !== undefined) parts.push(`${formatBytes(s.bytes_read)} read`);
  return `${view.environment} · ${parts.join(' · ')}`;
}

/** Messages of the grid page to the extension. */
export type GridMessage =
  | { action: 'copy' | 'export'; format: 'csv' | 'json' }
  | { action: 'copyText'; text: string }
  | { action: 'curl' }
  | { action: 'showRun'; index: number };

/** Column types sorted as numbers; the others sort as text. */
const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal)/;

export function paramsLine(params: Record<string, string> | undefined): string {
  const entries = Object.entries(params ?? {});
  return entries.length ? `Parameters: ${entries.map(([k, v]) => `${k}=${v}`).join(' · ')}` : 'Parameters: none (defaults)';
}

function runLabel(run: ResultView): string {
  const time = run.at ? run.at.slice(11, 19) : '';
  const params = Object.entries(run.params ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${time} · ${run.result.rows} row${run.result.rows === 1 ? '' : 's'}${params ? ` · ${params}` : ''}`;
}

/** A self-contained page; `nonce` allows its one script under the webview's CSP. `runs`: the pipe's runs, newest first, `view` among them. */
export function resultsHtml(view: ResultView, nonce: string, cspSource: string, runs: readonly ResultView[] = []): string {
  const { meta, data } = view.result;
  const head = meta.map((m, i) => `<th title="${esc(m.type)}" data-col="${i}" data-numeric="${NUMERIC.test(m.type)}">${esc(m.name)}<div class="type">${esc(m.type)}</div></th>`).join('');
  const body = data.map((row) => `<tr>${meta.map((m) => `<td>${esc(cellText(row[m.name]))}</td>`).join('')}</tr>`).join('\n');
  const history =
    runs.length > 1
      ? `<select id="runs" title="Earlier runs of ${esc(view.pipe ?? view.title)} in this session">${runs.map((r, i) => `<option value="${i}"${r === view ? ' selected' : ''}>${esc(runLabel(r))}</option>`).join('')}</select>`
      : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<title>${esc(view.title)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.bar { display: flex; flex-wrap: nowrap; gap: .5em; align-items: center; margin-bottom: .5em; }
.stats, .params { flex: 1; min-width: 0; opacity: .8; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar button, .bar select { flex-shrink: 0; white-space: nowrap; }
#filter { width: 16em; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 6px; text-align: left; vertical-align: top; white-space: pre; }
th { position: sticky; top: 0; background: var(--vscode-editor-background); cursor: pointer; }
th[data-sort="asc"]::after { content: " ▲"; } th[data-sort="desc"]::after { content: " ▼"; }
td { cursor: copy; }
.type { font-weight: normal; opacity: .7; font-size: 90%; }
</style></head>
<body>
<div class="bar"><span class="stats" title="${esc(statisticsLine(view))}">${esc(statisticsLine(view))}</span>
<button data-action="copy" data-format="csv">Copy CSV</button><button data-action="copy" data-format="json">Copy JSON</button>
<button data-action="export" data-format="csv">Export CSV…</button><button data-action="export" data-format="json">Export JSON…</button>${view.curl ? '<button data-action="curl">Copy as curl</button>' : ''}</div>
<div class="bar"><span class="params" title="${esc(paramsLine(view.params))}">${esc(paramsLine(view.params))}</span>${history}
<input id="filter" type="search" placeholder="Filter rows" title="Shows the rows where a cell contains the text. Click a cell to copy it, shift-click to copy its row."></div>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const b of document.querySelectorAll('button')) b.addEventListener('click', () => vscode.postMessage({ action: b.dataset.action, format: b.dataset.format }));
const tbody = document.querySelector('tbody');
const rows = [...tbody.rows];
const headers = [...document.querySelectorAll('th')];
for (const th of headers) th.addEventListener('click', () => {
  const col = Number(th.dataset.col);
  const dir = th.dataset.sort === 'asc' ? 'desc' : 'asc';
  for (const h of headers) delete h.dataset.sort;
  th.dataset.sort = dir;
  const key = (r) => r.cells[col].textContent;
  const numeric = th.dataset.numeric === 'true';
  const cmp = (a, b) => numeric ? (Number(key(a)) || 0) - (Number(key(b)) || 0) : key(a).localeCompare(key(b));
  const sorted = [...rows].sort((a, b) => dir === 'asc' ? cmp(a, b) : cmp(b, a));
  for (const r of sorted) tbody.appendChild(r);
});
// Each cell's text, lowercased once: the filter runs on every keystroke over every row.
const cellTexts = new Map(rows.map((r) => [r, [...r.cells].map((c) => c.textContent.toLowerCase())]));
document.getElementById('filter').addEventListener('input', (e) => {
  const text = e.target.value.toLowerCase();
  for (const r of rows) r.hidden = !!text && !cellTexts.get(r).some((c) => c.includes(text));
});
tbody.addEventListener('click', (e) => {
  const cell = e.target.closest('td');
  if (!cell) return;
  const text = e.shiftKey ? [...cell.parentElement.cells].map((c) => c.textContent).join('\t') : cell.textContent;
  vscode.postMessage({ action: 'copyText', text });
});
document.getElementById('runs')?.addEventListener('change', (e) => vscode.postMessage({ action: 'showRun', index: Number(e.target.value) }));
</script>
</body></html>`;
}
