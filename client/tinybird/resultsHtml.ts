// The result grid's HTML: columns with their types, the rows, the row count and statistics, and buttons
// that post `copy`/`export` messages (csv|json) back to the extension.
import { cellText } from './export';
import type { ResultView } from './ui';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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

/** A self-contained page; `nonce` allows its one script under the webview's CSP. */
export function resultsHtml(view: ResultView, nonce: string, cspSource: string): string {
  const { meta, data } = view.result;
  const head = meta.map((m) => `<th title="${esc(m.type)}">${esc(m.name)}<div class="type">${esc(m.type)}</div></th>`).join('');
  const body = data.map((row) => `<tr>${meta.map((m) => `<td>${esc(cellText(row[m.name]))}</td>`).join('')}</tr>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<title>${esc(view.title)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.bar { display: flex; flex-wrap: nowrap; gap: .5em; align-items: center; margin-bottom: .5em; }
.stats { flex: 1; min-width: 0; opacity: .8; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar button { flex-shrink: 0; white-space: nowrap; }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 6px; text-align: left; vertical-align: top; white-space: pre; }
th { position: sticky; top: 0; background: var(--vscode-editor-background); }
.type { font-weight: normal; opacity: .7; font-size: 90%; }
</style></head>
<body>
<div class="bar"><span class="stats" title="${esc(statisticsLine(view))}">${esc(statisticsLine(view))}</span>
<button data-action="copy" data-format="csv">Copy CSV</button><button data-action="copy" data-format="json">Copy JSON</button>
<button data-action="export" data-format="csv">Export CSV…</button><button data-action="export" data-format="json">Export JSON…</button></div>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const b of document.querySelectorAll('button')) b.addEventListener('click', () => vscode.postMessage({ action: b.dataset.action, format: b.dataset.format }));
</script>
</body></html>`;
}
