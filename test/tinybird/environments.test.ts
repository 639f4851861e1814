import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { dotenvEnvironments, loadEnvironments, loadProject, parseSettings, parseTinyb, pickEnvironment } from '../../client/tinybird/environments';
import { ConfigError } from '../../client/tinybird/errors';
import { tempTree } from '../support/tempTree';

const project = async (files: Record<string, string>) => tempTree('tb-env-', files);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('the seed .env gives LOCAL, STAGING and PRODUCTION; PRODUCTION is production', async () => {
  const root = await project({
    '.env': [
      'TB_HOST_LOCAL=http://localhost:7181',
      'TB_TOKEN_LOCAL=eyJhbGciOiJIUzI1NiIsInR5cCI6',
      '',
      'TB_HOST_STAGING=https://api.us-west-2.aws.tinybird.co',
      'TB_TOKEN_STAGING=p.staging',
      '# comment',
      'TB_HOST_PRODUCTION=https://api.us-west-2.aws.tinybird.co/',
      'TB_TOKEN_PRODUCTION="p.prod"',
      'OTHER=ignored',
    ].join('\n'),
  });
  const envs = await loadEnvironments(root, parseSettings({}));
  assert.deepEqual(
    envs.map((e) => [e.name, e.host, e.token, e.production, e.local, e.origin]),
    [
      ['LOCAL', 'http://localhost:7181', 'eyJhbGciOiJIUzI1NiIsInR5cCI6', false, true, '.env'],
      ['STAGING', 'https://api.us-west-2.aws.tinybird.co', 'p.staging', false, false, '.env'],
      ['PRODUCTION', 'https://api.us-west-2.aws.tinybird.co', 'p.prod', true, false, '.env'],
    ],
  );
});

test('the empty .env.example of the corpus leaves only the default LOCAL', async () => {
  const root = await project({ '.env': 'TB_HOST_LOCAL=\nTB_TOKEN_LOCAL=\nTB_HOST_STAGING=\n' });
  const envs = await loadEnvironments(root, parseSettings({}));
  assert.deepEqual(envs.map((e) => [e.name, e.host, e.origin, e.token]), [['LOCAL', 'http://localhost:7181', 'default', undefined]]);
});

/** The single problem of a .env text. */
function problem(text: string, file = 'f'): ConfigError {
  const { problems } = dotenvEnvironments(text, file);
  assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
  return problems[0];
}

test('a malformed .env line is reported with path and line', () => {
  const err = problem('TB_HOST_LOCAL=http://localhost:7181\n\nthis is not an assignment\n', '/p/.env');
  assert.equal(err.file, '/p/.env');
  assert.equal(err.line, 3);
  assert.match(err.message, /^\/p\/\.env:3: expected KEY=value/);
});

test('an invalid host is reported at its line', () => {
  const err = problem('# hosts\nTB_HOST_STAGING=api.tinybird.co\n', '/p/.env');
  assert.equal(err.line, 2);
  assert.match(err.message, /host "api\.tinybird\.co" must be a URL/);
  assert.match(problem('TB_HOST_X=ftp://h\n').message, /must start with http/);
});

test('a token without a host, a token with spaces and an unterminated quote are errors with lines', () => {
  assert.equal(problem('A=1\nTB_TOKEN_STAGING=p.x\n').line, 2);
  assert.match(problem('TB_HOST_S=https://h\nTB_TOKEN_S="a b"\n').message, /f:2: TB_TOKEN_S must not contain spaces/);
  const err = problem('A=1\nTB_TOKEN_LOCAL="abc\nmore=1\n');
  assert.equal(err.line, 2);
  assert.match(err.message, /unterminated " quote/);
});

test('one bad .env line costs only its own environment; every problem is reported at once, in line order', async () => {
  const text = [
    'TB_HOST_STAGING=api.staging.example',
    'TB_TOKEN_STAGING=p.staging',
    'this line is wrong',
    'TB_HOST_PRODUCTION=https://api.tinybird.co',
    'TB_TOKEN_PRODUCTION=p.prod',
    'TB_TOKEN_QA=p.qa',
    'TB_HOST_DEV=https://dev.example',
    'TB_TOKEN_DEV="p dev"',
  ].join('\n');
  const result = dotenvEnvironments(text, '/p/.env');
  assert.deepEqual(result.problems.map((p) => p.message), [
    '/p/.env:1: host "api.staging.example" must be a URL such as https://api.tinybird.co',
    '/p/.env:3: expected KEY=value, found "this line is wrong"',
    '/p/.env:6: TB_TOKEN_QA is set but TB_HOST_QA is not',
    '/p/.env:8: TB_TOKEN_DEV must not contain spaces',
  ]);
  assert.deepEqual([...result.environments.keys()], ['PRODUCTION']);
  assert.deepEqual([...result.unavailable.keys()].sort(), ['DEV', 'QA', 'STAGING']);

  const root = await project({ '.env': text });
  const config = await loadProject(root, parseSettings({}));
  assert.deepEqual(config.environments.map((e) => e.name), ['PRODUCTION', 'LOCAL']);
  assert.equal(config.problems.length, 4);
  const settings = parseSettings({});
  assert.throws(() => pickEnvironment(config.environments, settings, 'STAGING', config.unavailable), {
    message: `${path.join(root, '.env')}:1: host "api.staging.example" must be a URL such as https://api.tinybird.co (so the environment STAGING is unavailable; the others still work)`,
  });
  assert.equal(pickEnvironment(config.environments, settings, 'LOCAL', config.unavailable).name, 'LOCAL');
});

test('multi-line quoted values are accepted, as dotenv does', () => {
  const { environments, problems } = dotenvEnvironments('KEY="line one\nline two"\nTB_HOST_STAGING=https://h.example\n', 'f');
  assert.deepEqual([...environments], [['STAGING', { host: 'https://h.example' }]]);
  assert.deepEqual(problems, []);
});

test('.tinyb: JSON syntax errors and schema errors name the line', () => {
  const syntax = configError(() => parseTinyb('{\n  "host": "https://api.tinybird.co",\n  "token": \n}', '/p/.tinyb'));
  assert.equal(syntax.file, '/p/.tinyb');
  assert.equal(syntax.line, 4);
  assert.match(syntax.message, /invalid JSON/);
  const schema = configError(() => parseTinyb('{\n  "name": "ws",\n  "token": 42\n}', '/p/.tinyb'));
  assert.equal(schema.line, 3);
  assert.match(schema.message, /token: Expected string, received number/);
  assert.equal(configError(() => parseTinyb('{\n"host": "nope"}', 'f')).line, 2);
});

test('.tinyb: errors point at the offending value, nested or after a look-alike earlier in the file', () => {
  // The key `tokens` appears on line 2 in a string; the bad value is on line 5.
  const nested = configError(() => parseTinyb('{\n  "name": "\\"tokens\\"",\n  "tokens": {\n    "a": "t",\n    "b": 7\n  }\n}', 'f'));
  assert.equal(nested.line, 5);
  assert.match(nested.message, /tokens\.b/);
  // Same text `"x" x` twice: the syntax error is on the second occurrence (line 3).
  const syntax = configError(() => parseTinyb('{\n  "a": "\\"x\\" x",\n  "x" x\n}', 'f'));
  assert.equal(syntax.line, 3);
  assert.match(syntax.message, /invalid JSON: InvalidSymbol/);
});

test('.tinyb supplies tokens by host and its own workspace as TINYB', async () => {
  const root = await project({
    '.env': 'TB_HOST_STAGING=https://api.us-west-2.aws.tinybird.co\n',
    '.tinyb': JSON.stringify({ host: 'https://api.tinybird.co', token: 'p.ws', name: 'ws', tokens: { 'https://api.us-west-2.aws.tinybird.co': 'p.from-tinyb' } }, null, 4),
  });
  const envs = await loadEnvironments(root, parseSettings({}));
  assert.deepEqual(
    envs.map((e) => [e.name, e.host, e.token, e.origin]),
    [
      ['STAGING', 'https://api.us-west-2.aws.tinybird.co', 'p.from-tinyb', '.env'],
      ['LOCAL', 'http://localhost:7181', undefined, 'default'],
      ['TINYB', 'https://api.tinybird.co', 'p.ws', '.tinyb'],
    ],
  );
});

test('settings add environments, mark production ones and choose the default', async () => {
  const root = await project({ '.env': 'TB_HOST_STAGING=https://a.example\nTB_TOKEN_STAGING=t\n' });
  const settings = parseSettings({ environments: { qa: { host: 'https://qa.example/' } }, productionEnvironments: ['qa'], defaultEnvironment: 'staging' });
  const envs = await loadEnvironments(root, settings);
  const qa = envs.find((e) => e.name === 'QA');
  assert.deepEqual(qa && [qa.host, qa.production, qa.origin, qa.token], ['https://qa.example', true, 'settings', undefined]);
  assert.equal(pickEnvironment(envs, settings, undefined).name, 'STAGING');
  assert.equal(pickEnvironment(envs, settings, 'local').name, 'LOCAL');
  assert.throws(() => pickEnvironment(envs, settings, 'nope'), /No Tinybird environment named NOPE. Known: STAGING, QA, LOCAL/);
});

test('invalid settings are reported with the setting name', () => {
  assert.throws(() => parseSettings({ environments: { qa: { host: 'qa' } } }), /settings tinybird.environments.qa.host: host "qa" must be a URL/);
  assert.throws(() => parseSettings({ requestTimeoutSeconds: -1 }), /tinybird.requestTimeoutSeconds/);
});
