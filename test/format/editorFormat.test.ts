// The editor's formatter (format-on-save) must not drift: a templated node that sqlfmt cannot format
// keeps its lines as written, where tb fmt (and the CLI, for parity) indents it 4 more spaces per run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDatafile, formatWithSettings } from '../../server/format/index';

const UNCLOSED = 'NODE a\nSQL >\n    SELECT 1\n\nNODE b\nSQL >\n    %\n    SELECT 2 {% if defined(x) %} WHERE a = 1\n      AND b = 2\n';

test('the CLI formatter keeps tb fmt output, which gains indentation on every run', () => {
  const once = formatDatafile(UNCLOSED, 'p.pipe', { env: {} });
  assert.ok(once.ok);
  assert.match(once.text, /\n {8}SELECT 2/);
  const twice = formatDatafile(once.text, 'p.pipe', { env: {} });
  assert.ok(twice.ok);
  assert.match(twice.text, /\n {12}SELECT 2/);
});

test('the editor formatter leaves an unformattable templated node as written, run after run', async () => {
  const once = await formatWithSettings(UNCLOSED, 'p.pipe', {});
  assert.ok(once.ok);
  assert.equal(once.text, UNCLOSED);
  const twice = await formatWithSettings(once.text, 'p.pipe', {});
  assert.ok(twice.ok);
  assert.equal(twice.text, UNCLOSED);
});

test('the editor formatter still formats templated nodes that sqlfmt can format', async () => {
  const result = await formatWithSettings('NODE b\nSQL >\n    %\n    SELECT   2 {% if defined(x) %} WHERE a = 1 {% end %}\n', 'p.pipe', {});
  assert.ok(result.ok);
  assert.equal(result.text, 'NODE b\nSQL >\n    %\n    SELECT 2 {% if defined(x) %} WHERE a = 1 {% end %}\n');
});
