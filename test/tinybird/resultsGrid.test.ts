import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curlCommand } from '../../client/tinybird/curl';
import { RunHistory } from '../../client/tinybird/runHistory';

describe('Copy as curl', () => {
  it('names the token $TB_TOKEN, never its value, and quotes the URL for the shell', () => {
    const cmd = curlCommand('https://api.eu.tinybird.co', '/v0/pipes/leaderboards.json', { slug: "o'brien & co", page: '2' });
    assert.equal(cmd, `curl -sS -H "Authorization: Bearer $TB_TOKEN" 'https://api.eu.tinybird.co/v0/pipes/leaderboards.json?slug=o%27brien+%26+co&page=2'`);
  });

  it('drops a token parameter, so a value typed as a parameter never leaks', () => {
    const cmd = curlCommand('http://localhost:7181/', '/v0/sql', { q: 'SELECT 1', token: 'p.secret-value' });
    assert.ok(!cmd.includes('secret-value'), cmd);
    assert.equal(cmd, `curl -sS -H "Authorization: Bearer $TB_TOKEN" 'http://localhost:7181/v0/sql?q=SELECT+1'`);
  });
});

describe('run history', () => {
  it('keeps the last N runs per pipe, newest first', () => {
    const history = new RunHistory<number>(3);
    for (let i = 1; i <= 5; i++) history.add('a', i);
    history.add('b', 9);
    assert.deepEqual(history.of('a'), [5, 4, 3]);
    assert.deepEqual(history.of('b'), [9]);
    assert.deepEqual(history.of('c'), []);
  });
});
