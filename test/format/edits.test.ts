import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replaceAllEdits } from '../../server/format/edits';

test('an unchanged document needs no edit', () => {
  assert.deepEqual(replaceAllEdits('a\n', 'a\n'), []);
});

test('a changed document is replaced whole, up to its last position (CRLF counted as one line end)', () => {
  assert.deepEqual(replaceAllEdits('NODE a\r\nSQL >\r\n  x', 'NODE a\nSQL >\n    x\n'), [
    { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } }, newText: 'NODE a\nSQL >\n    x\n' },
  ]);
});
