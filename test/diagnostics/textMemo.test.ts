// The memo the server keeps rule answers in across edits: reused per text, bounded by length.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextMemo } from '../../server/diagnostics/support/textMemo';

function counting(memo: TextMemo) {
  const computed: string[] = [];
  const get = (text: string, kind = 'k') => memo.get(kind, text, () => (computed.push(`${kind}:${text}`), text.length));
  return { get, computed };
}

test('an answer is computed once per kind and text', () => {
  const { get, computed } = counting(new TextMemo(100));
  assert.equal(get('abc'), 3);
  assert.equal(get('abc'), 3);
  assert.equal(get('abc', 'other'), 3);
  assert.deepEqual(computed, ['k:abc', 'other:abc']);
});

test('over the bound, the least recently used texts are dropped first', () => {
  const { get, computed } = counting(new TextMemo(10));
  get('aaaa');
  get('bbbb');
  get('aaaa'); // now the most recent
  get('cccc'); // 12 characters: bbbb goes
  computed.length = 0;
  get('aaaa');
  get('cccc');
  assert.deepEqual(computed, []);
  get('bbbb');
  assert.deepEqual(computed, ['k:bbbb']);
});

test('a text longer than the bound is answered but not kept', () => {
  const { get, computed } = counting(new TextMemo(3));
  get('abcd');
  get('abcd');
  assert.deepEqual(computed, ['k:abcd', 'k:abcd']);
});
