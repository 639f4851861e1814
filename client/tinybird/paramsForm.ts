// The parameters form: one webview page listing a pipe's template parameters (type, default, required,
// description from the declarations) with their values, and the check of what it submits.
import type { TemplateParameter } from '../../server/protocol';
import { validateParam } from './params';
import { esc } from './html';

/** Messages of the form page to the extension. */
export type FormMessage = { type: 'submit'; values: Record<string, string> } | { type: 'cancel' };

/** The non-empty values to send, or an error text per invalid parameter. */
export function checkForm(params: TemplateParameter[], submitted: Record<string, string>): { values: Record<string, string> } | { errors: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const param of params) {
    const value = (submitted[param.name] ?? '').trim();
    const error = validateParam(param, value);
    if (error) errors[param.name] = error;
    else if (value !== '') values[param.name] = value;
  }
  return Object.keys(errors).length ? { errors } : { values };
}

/** A self-contained page; `nonce` allows its one script under the webview's CSP. */
export function paramsFormHtml(pipe: string, params: TemplateParameter[], values: Record<string, string>, action: string, nonce: string, cspSource: string): string {
  const rows = params
    .map((p, i) => {
      const flags = [p.type, p.required ? 'required' : 'optional', p.default !== undefined ? `default ${p.default}` : undefined].filter(Boolean).join(' · ');
      const placeholder = p.type === 'Array' ? 'comma-separated values' : p.default !== undefined ? p.default : 'empty: not sent';
      return `<div class="row"><label for="p${i}">${esc(p.name)}${p.required ? ' <span class="req">*</span>' : ''}</label>
<input id="p${i}" name="${esc(p.name)}" value="${esc(values[p.name] ?? '')}" placeholder="${esc(placeholder)}">
<div class="meta">${esc(flags)}${p.description ? ` — ${esc(p.description)}` : ''}</div><div class="error" data-for="${esc(p.name)}"></div></div>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<title>${esc(pipe)} parameters</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); max-width: 48em; }
.row { margin-bottom: .8em; }
label { display: block; font-weight: bold; font-family: var(--vscode-editor-font-family); }
input { width: 100%; box-sizing: border-box; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 5px; }
.meta { opacity: .75; font-size: 90%; }
.req, .error { color: var(--vscode-errorForeground); }
</style></head>
<body>
<h3>${esc(pipe)}: ${params.length} parameter${params.length === 1 ? '' : 's'}</h3>
<form id="form">
${rows}
<button type="submit">${esc(action)}</button> <button type="button" id="cancel">Cancel</button>
</form>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const form = document.getElementById('form');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const values = {};
  for (const input of form.querySelectorAll('input')) values[input.name] = input.value;
  vscode.postMessage({ type: 'submit', values });
});
document.getElementById('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
window.addEventListener('message', (e) => {
  for (const el of document.querySelectorAll('.error')) el.textContent = e.data.errors[el.dataset.for] || '';
});
form.querySelector('input')?.focus();
</script>
</body></html>`;
}
