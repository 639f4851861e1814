import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkForm, paramsFormHtml } from '../../client/tinybird/paramsForm';
import type { TemplateParameter } from '../../server/protocol';

const PARAMS: TemplateParameter[] = [
  { name: 'slug', type: 'String', required: true, description: 'Project <slug>' },
  { name: 'page', type: 'Int32', required: false, default: '0' },
  { name: 'from', type: 'DateTime', required: false },
];

describe('parameters form', () => {
  it('sends the non-empty values, trimmed, and names every invalid one', () => {
    assert.deepEqual(checkForm(PARAMS, { slug: ' k8s ', page: '2', from: '' }), { values: { slug: 'k8s', page: '2' } });
    assert.deepEqual(checkForm(PARAMS, { slug: '', page: 'x', from: '2024-01-31' }), {
      errors: { slug: 'slug is required', page: 'page must be an integer (Int32)', from: 'from must be a date-time like 2024-01-31 23:59:59' },
    });
  });

  it('shows one input per parameter with its value, type, default, required mark and description, escaped', () => {
    const html = paramsFormHtml('leaderboards', PARAMS, { slug: '"><script>', page: '3' }, 'Run', 'NONCE', 'vscode-resource:');
    assert.equal(html.match(/<input /g)?.length, 3);
    assert.match(html, /<input id="p0" name="slug" value="&#34;&#62;&#60;script&#62;"/);
    assert.match(html, /slug <span class="req">\*<\/span>/);
    assert.match(html, /String · required — Project &#60;slug&#62;/);
    assert.match(html, /Int32 · optional · default 0/);
    assert.match(html, /<input id="p1" name="page" value="3" placeholder="0">/);
    assert.match(html, /<button type="submit">Run<\/button>/);
    assert.match(html, /script-src 'nonce-NONCE'/);
    assert.equal(html.match(/<script/g)?.length, 1, 'only the nonce script');
  });
});
