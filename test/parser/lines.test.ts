import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeLineStarts, LineTable } from '../../server/parser/lines';

test("a line table's lineStarts are computeLineStarts of its text, with and without a \\r", () => {
  const texts = ['', 'a', '\n', '\r', '\r\n', 'a\n', 'a\r\nb', 'a\rb\r', '\n\n', '\r\r\n\n', 'x\ny\r\nz\rw\n', 'NODE n\nSQL >\n    SELECT 1\n'];
  for (const text of texts) assert.deepEqual(new LineTable(text).lineStarts(), computeLineStarts(text), JSON.stringify(text));
  // past the table's first growth (64 lines)
  for (const long of ['a\n'.repeat(200) + 'c', 'a\n'.repeat(200) + 'b\r'.repeat(100) + 'c']) {
    assert.deepEqual(new LineTable(long).lineStarts(), computeLineStarts(long));
  }
});
