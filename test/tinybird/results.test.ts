import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv, toJson } from '../../client/tinybird/export';
import { resultsHtml, statisticsLine } from '../../client/tinybird/resultsHtml';
import type { QueryResult } from '../../client/tinybird/schemas';
import type { ResultView } from '../../client/tinybird/ui';

const result: QueryResult = {
  meta: [
    { name: 'slug', type: 'String' },
    { name: 'widgets', type: 'Array(String)' },
    { name: 'deletedAt', type: 'Nullable(DateTime64(3))' },
  ],
  data: [
    { slug: 'k8s', widgets: ['forks', 'stars'], deletedAt: null },
    { slug: 'say "hi", <b>', widgets: [], deletedAt: '2025-01-01 00:00:00.000' },
  ],
  rows: 2,
  rows_before_limit_at_least: 120,
  statistics: { elapsed: 0.0042, rows_read: 1500, bytes_read: 3 * 1024 * 1024 },
};
const view: ResultView = { title: 'projects.json', environment: 'STAGING', result };

test('CSV export quotes fields per RFC 4180 and serialises arrays as JSON', () => {
  assert.equal(toCsv(result), 'slug,widgets,deletedAt\r\nk8s,"[""forks"",""stars""]",\r\n"say ""hi"", <b>",[],2025-01-01 00:00:00.000\r\n');
});

test('JSON export is the rows array', () => {
  assert.deepEqual(JSON.parse(toJson(result)), result.data);
});

test('the grid shows column types, row count and statistics, escaped, under a nonce CSP', () => {
  assert.equal(statisticsLine(view), 'STAGING · 2 rows · at least 120 before LIMIT · 4.2 ms · 1500 rows read · 3.0 MB read');
  const html = resultsHtml(view, 'N0NCE', 'vscode-resource:');
  assert.match(html, /<th title="Array\(String\)" data-col="1" data-numeric="false">widgets<div class="type">Array\(String\)<\/div><\/th>/);
  assert.match(html, /<td>say &#34;hi&#34;, &#60;b&#62;<\/td>/);
  assert.ok(!html.includes('<b>'));
  assert.match(html, /script-src 'nonce-N0NCE'/);
  assert.match(html, /<script nonce="N0NCE">/);
  for (const b of ['data-action="copy" data-format="csv"', 'data-action="export" data-format="json"']) assert.ok(html.includes(b));
});

test('the header stays on one line: statistics are cut with an ellipsis (full text in the tooltip), buttons never wrap', () => {
  const html = resultsHtml(view, 'N0NCE', 'vscode-resource:');
  assert.match(html, /\.bar \{[^}]*flex-wrap: nowrap;/);
  assert.match(html, /\.stats, \.params \{[^}]*white-space: nowrap;[^}]*text-overflow: ellipsis;/);
  assert.match(html, /\.bar button, \.bar select \{[^}]*white-space: nowrap;/);
  assert.ok(html.includes(`<span class="stats" title="${statisticsLine(view)}">`));
});

test('the grid shows the parameters used, Copy as curl, a filter box, sortable columns and the earlier runs', () => {
  const run = (rows: number, params: Record<string, string>, at: string): ResultView => ({ ...view, result: { ...result, rows }, pipe: 'projects', params, at, curl: 'curl …' });
  const older = run(1, { slug: 'a' }, '2026-12-06T10:00:01.000Z');
  const newer = run(2, { slug: 'k8s', page: '2' }, '2026-12-06T10:05:09.000Z');
  const html = resultsHtml(newer, 'N0NCE', 'vscode-resource:', [newer, older]);
  assert.ok(html.includes('<span class="params" title="Parameters: slug=k8s · page=2">Parameters: slug=k8s · page=2</span>'));
  assert.ok(html.includes('<button data-action="curl">Copy as curl</button>'));
  assert.ok(html.includes('<input id="filter" type="search" placeholder="Filter rows"'));
  assert.ok(html.includes('<option value="0" selected>10:05:09 · 2 rows · slug=k8s page=2</option><option value="1">10:00:01 · 1 row · slug=a</option>'));
  assert.match(resultsHtml({ ...view, result: { ...result, meta: [{ name: 'n', type: 'Nullable(UInt64)' }] } }, 'N', 'c'), /data-numeric="true"/);
  const plain = resultsHtml(view, 'N0NCE', 'vscode-resource:');
  assert.ok(plain.includes('Parameters: none (defaults)'));
  assert.ok(!plain.includes('data-action="curl"'), 'no curl without a request');
  assert.ok(!plain.includes('<select id="runs"'), 'no history for a single run');
});
