// Security property: no request value can end the SQL string literal (or quoted identifier) it is rendered into.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { renderTemplate } from '../../server/template';

/** Length of the quoted token starting at `start` (backslash escapes the next character), or -1 if unterminated. */
function quotedLength(sql: string, start: number, quote: string): number {
  if (sql[start] !== quote) return -1;
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++;
    else if (sql[i] === quote) return i - start + 1;
  }
  return -1;
}

const render = (template: string, x: string) => renderTemplate(template, { variables: new Map([['x', x]]) }).sql;

// Characters that matter to SQL lexing, mixed with arbitrary text.
const hostile = fc.stringOf(
  fc.oneof(fc.constantFrom("'", '"', '\\', '`', '%', '\n', '\r', '\0', '\t', '\x1a', '\b', ';', '--', '/*', ')', ','), fc.fullUnicode()),
  { maxLength: 40 },
);

test('a string value is exactly one SQL string literal', () => {
  fc.assert(
    fc.property(hostile, (x) => {
      for (const template of ['{{x}}', '{{String(x)}}', "{{String(x, 'd')}}"]) {
        const sql = render(template, x);
        assert.equal(quotedLength(sql, 0, "'"), sql.length, `${template} with ${JSON.stringify(x)} -> ${sql}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('identifiers stay one quoted identifier', () => {
  fc.assert(
    fc.property(hostile, (x) => {
      const sql = render('{{symbol(x)}}', x);
      assert.equal(quotedLength(sql, 0, '`'), sql.length, sql);
      // column() splits on dots: each part is one backtick identifier
      const col = render('{{column(x)}}', x);
      let i = 0;
      for (;;) {
        const n = quotedLength(col, i, '`');
        assert.ok(n > 0, col);
        i += n;
        if (i === col.length) break;
        assert.equal(col[i], '.', col);
        i++;
      }
    }),
    { numRuns: 500 },
  );
});

test('array elements and sql_and values stay literals', () => {
  fc.assert(
    fc.property(hostile, (x) => {
      const arr = render('{{Array(x)}}', x);
      assert.equal(arr[0], '[');
      let i = 1;
      for (;;) {
        const n = quotedLength(arr, i, "'");
        assert.ok(n > 0, arr);
        i += n;
        if (arr[i] === ']') break;
        assert.equal(arr[i], ',', arr);
        i++;
      }
      assert.equal(i, arr.length - 1, arr);
      const and = render('{{sql_and(a=x)}}', x);
      assert.ok(and.startsWith('a = '));
      assert.equal(quotedLength(and, 4, "'"), and.length - 4, and);
    }),
    { numRuns: 500 },
  );
});
