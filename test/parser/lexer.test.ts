import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasShlexToken, lexLine, unquote } from '../../server/parser/shlex';
import { splitLines } from '../../server/parser/lines';

const texts = (line: string) => lexLine(line).tokens.map((t) => t.text);

test('tokens split on whitespace; a quoted token keeps its quotes', () => {
  assert.deepEqual(texts('TOKEN "read api" READ'), ['TOKEN', '"read api"', 'READ']);
});

test('quotes inside a word are ordinary characters', () => {
  assert.deepEqual(texts("DESCRIPTION it's fine"), ['DESCRIPTION', "it's", 'fine']);
});

test('a quoted token ends at its closing quote even when text follows', () => {
  assert.deepEqual(texts('"abc"def'), ['"abc"', 'def']);
});

test('# starts a comment even in the middle of a word; a quoted # is kept', () => {
  assert.deepEqual(texts('KAFKA_TOPIC my#topic'), ['KAFKA_TOPIC', 'my']);
  assert.deepEqual(texts('KAFKA_GROUP_ID "g#1"'), ['KAFKA_GROUP_ID', '"g#1"']);
  assert.deepEqual(texts('# only a comment'), []);
});

test('an unclosed quote re-lexes the shlex-quoted line as tb does', () => {
  const lexed = lexLine('DESCRIPTION "oops');
  assert.equal(lexed.unclosedQuote, true);
  assert.deepEqual(lexed.tokens.map((t) => t.text), [`'DESCRIPTION "oops\n'`]);
});

test('token offsets point into the line', () => {
  const [a, b] = lexLine('ENGINE  MergeTree', 100).tokens;
  assert.deepEqual([a.start, a.end, b.start, b.end], [100, 106, 108, 117]);
});

test('blank and comment-only lines have no token', () => {
  const has = (line: string): boolean => hasShlexToken(`x\n${line}\n`, 2, 2 + line.length);
  assert.equal(has('   '), false);
  assert.equal(has('  # x'), false);
  assert.equal(has("  'open"), true);
  assert.equal(has(''), false);
});

test('unquote strips a surrounding pair of quotes of any kind', () => {
  assert.equal(unquote('"a b"'), 'a b');
  assert.equal(unquote(`'x"`), 'x');
  assert.equal(unquote('a"'), 'a"');
});

test('universal newlines: \\r\\n, \\r and \\n all end a line', () => {
  assert.deepEqual(splitLines('a\r\nb\rc\nd').map((l) => l.text), ['a', 'b', 'c', 'd']);
});
