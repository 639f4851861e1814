// The .env reader against dotenv 16's documented syntax; each expected value was checked against dotenv 16.6.1's
// `parse` when this reader replaced it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDotenv } from '../../client/tinybird/dotenv';

const values = (text: string) => Object.fromEntries(parseDotenv(text).entries.map((e) => [e.key, e.value]));
const lines = (text: string) => parseDotenv(text).entries.map((e) => [e.key, e.line]);

test('unquoted values are trimmed and end at a #; empty values are empty strings', () => {
  assert.deepEqual(values('A=1\nB = 2 \n  C=  spaced value  \nH=value # comment\nI=val#ue\nJ=#x\nK=\nL= \n'), {
    A: '1', B: '2', C: 'spaced value', H: 'value', I: 'val', J: '', K: '', L: '',
  });
});

test('export prefixes, KEY: value, dots and dashes in keys; a key named export', () => {
  assert.deepEqual(values('export D=exported\nexport=plain\nT: yaml style\nAA.B-C=dots\n'), { D: 'exported', export: 'plain', T: 'yaml style', 'AA.B-C': 'dots' });
});

test('quoted values keep # and spaces; a comment may follow the closing quote', () => {
  assert.deepEqual(values("E='single # not comment'\nF=\"double # not\" # comment\nG=`back tick` \nW=\"  keep  \"\nX=''\n"), {
    E: 'single # not comment', F: 'double # not', G: 'back tick', W: '  keep  ', X: '',
  });
});

test('\\n and \\r are expanded in double quotes only; escaped quotes do not close and stay as written', () => {
  assert.deepEqual(values('O="a\\nb\\rc\\td"\nP=\'a\\nb\'\nQ=a\\nb\nR="has \\"escaped\\" quotes"\nS=\'it\\\'s\'\n'), {
    O: 'a\nb\rc\\td', P: 'a\\nb', Q: 'a\\nb', R: 'has \\"escaped\\" quotes', S: "it\\'s",
  });
});

test('quoted values span lines (CRLF read as LF), and the keys after them keep their own line numbers', () => {
  const text = 'M="line one\nline two"\nN=after\nBB=`multi\nline` # c\r\nZ="multi\r\nline"\r\nCC=1';
  assert.deepEqual(values(text), { M: 'line one\nline two', N: 'after', BB: 'multi\nline', Z: 'multi\nline', CC: '1' });
  assert.deepEqual(lines(text), [['M', 1], ['N', 3], ['BB', 4], ['Z', 6], ['CC', 8]]);
});

test('text after a closing quote makes the line an unquoted value; the later of two equal keys wins', () => {
  assert.deepEqual(values('V="x" y\nDUP=1\nDUP=2\n'), { V: '"x" y', DUP: '2' });
});

test('comments and blank lines are skipped; a line that is not an assignment and an unclosed quote are problems with lines', () => {
  const { entries, problems } = parseDotenv('# only comment\n\n   # indented\nnot an assignment\nA=1\nB="never closed\nC=2\n');
  assert.deepEqual(entries.map((e) => e.key), ['A', 'C']);
  assert.deepEqual(problems, [
    { line: 4, message: 'expected KEY=value, found "not an assignment"' },
    { line: 6, message: 'unterminated " quote in B' },
  ]);
});
