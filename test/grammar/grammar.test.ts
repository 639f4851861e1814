// Tokenizes real crowd.dev corpus files (read from ../shared/corpus at test time) with the real
// vscode-textmate + vscode-oniguruma and asserts concrete scopes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  corpusFiles, grammar, hasScope, readCorpus, repoRoot, scopeForFile, tokenAt, tokenize, tokensOn,
  type Token, type TokenizedLine,
} from './textmate';

function assertScope(t: Token, prefix: string): void {
  assert.ok(hasScope(t, prefix), `${JSON.stringify(t.text)} should have ${prefix}; got ${t.scopes.join(' ')}`);
}
function assertNoScope(t: Token, prefix: string): void {
  assert.ok(!hasScope(t, prefix), `${JSON.stringify(t.text)} should not have ${prefix}; got ${t.scopes.join(' ')}`);
}
const inSql = (t: Token) => t.scopes.includes('source.tinybird-sql');

async function tok(rel: string): Promise<TokenizedLine[]> {
  return tokenize(await grammar(scopeForFile(rel)), readCorpus(rel));
}

test('grammar files are valid JSON with the expected scope names', () => {
  const expected: Record<string, string> = {
    'tinybird-datasource': 'source.tinybird-datasource',
    'tinybird-pipe': 'source.tinybird-pipe',
    'tinybird-include': 'source.tinybird-include',
    'tinybird-common': 'source.tinybird-common',
    'tinybird-sql': 'source.tinybird-sql',
  };
  for (const [file, scope] of Object.entries(expected)) {
    const g = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes', `${file}.tmLanguage.json`), 'utf8'));
    assert.equal(g.scopeName, scope);
  }
  // The three language grammars share their rules through the common grammar instead of copying them.
  for (const file of ['tinybird-datasource', 'tinybird-pipe', 'tinybird-include']) {
    const g = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes', `${file}.tmLanguage.json`), 'utf8'));
    assert.deepEqual(Object.keys(g.repository ?? {}), []);
    assert.match(JSON.stringify(g.patterns), /source\.tinybird-common#/);
  }
});

test('package.json registers the grammars and the SQL embedding', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const grammars: Array<{ language?: string; scopeName: string; path: string; embeddedLanguages?: Record<string, string> }> =
    pkg.contributes.grammars;
  for (const lang of ['tinybird-datasource', 'tinybird-pipe', 'tinybird-include']) {
    const g = grammars.find((x) => x.language === lang);
    assert.ok(g, `grammar for ${lang}`);
    assert.equal(g.scopeName, `source.${lang}`);
    assert.equal(g.embeddedLanguages?.['meta.embedded.block.sql'], 'sql');
  }
  for (const g of grammars) {
    const file = JSON.parse(readFileSync(path.join(repoRoot, g.path), 'utf8'));
    assert.equal(file.scopeName, g.scopeName, g.path);
  }
  assert.ok(grammars.some((g) => g.scopeName === 'source.tinybird-sql'));
  assert.ok(grammars.some((g) => g.scopeName === 'source.tinybird-common'));
  // The whole-file snippets are served by the language server (only where a section can begin), not by VS Code.
  assert.equal(pkg.contributes.snippets, undefined);
});

test('datasource: DESCRIPTION block, TAGS, SCHEMA columns and types, INDEXES, engine lines', async () => {
  const lines = await tok('datasources/activities.datasource');
  const desc = tokenAt(lines, /^DESCRIPTION >$/, 'DESCRIPTION');
  assertScope(desc, 'keyword.other');
  assertScope(tokenAt(lines, /^DESCRIPTION >$/, '>'), 'keyword.operator.block');
  // markdown-ish description content
  assertScope(tokenAt(lines, /^ {4}- `activities` contains raw/, 'activities'), 'markup.inline.raw');
  assertScope(tokenAt(lines, /^ {4}- `activities` contains raw/, '-'), 'punctuation.definition.list.begin.markdown');
  assertScope(tokenAt(lines, /^TAGS /, 'TAGS'), 'keyword.other');
  assertScope(tokenAt(lines, /^TAGS /, 'Activity preprocessing pipeline'), 'string.quoted.double');

  assertScope(tokenAt(lines, /^SCHEMA >$/, 'SCHEMA'), 'keyword.other');
  // `id` String `json:$.id`,
  const idLine = /^ {4}`id` String `json:\$\.id`,$/;
  assertScope(tokenAt(lines, idLine, 'id'), 'variable.other.column');
  assertScope(tokenAt(lines, idLine, 'String'), 'support.type');
  assertScope(tokenAt(lines, idLine, 'json:'), 'keyword.other.jsonpath');
  assertScope(tokenAt(lines, idLine, '$.id'), 'string');
  // `type` LowCardinality(String)
  const typeLine = /^ {4}`type` LowCardinality\(String\)/;
  assertScope(tokenAt(lines, typeLine, 'type'), 'variable.other.column');
  assertScope(tokenAt(lines, typeLine, 'LowCardinality'), 'support.type');
  assertScope(tokenAt(lines, typeLine, 'String'), 'support.type');
  // DateTime64(3) and DEFAULT -1
  assertScope(tokenAt(lines, /^ {4}`createdAt` DateTime64\(3\)/, 'DateTime64'), 'support.type');
  assertScope(tokenAt(lines, /^ {4}`createdAt` DateTime64\(3\)/, '3'), 'constant.numeric');
  const scoreLine = /^ {4}`score` Int8 .* DEFAULT -1,$/;
  assertScope(tokenAt(lines, scoreLine, 'DEFAULT'), 'keyword.other');
  assertScope(tokenAt(lines, scoreLine, '1'), 'constant.numeric');

  // INDEXES >  idx_updatedAt updatedAt TYPE minmax GRANULARITY 1
  assertScope(tokenAt(lines, /^INDEXES >$/, 'INDEXES'), 'keyword.other');
  const idx = /^ {4}idx_updatedAt updatedAt TYPE minmax GRANULARITY 1$/;
  assertScope(tokenAt(lines, idx, 'idx_updatedAt'), 'entity.name.index');
  assertScope(tokenAt(lines, idx, 'TYPE'), 'keyword.other');
  assertScope(tokenAt(lines, idx, 'minmax'), 'support.type');
  assertScope(tokenAt(lines, idx, 'GRANULARITY'), 'keyword.other');

  // Engine lines are back in datafile scope after the INDEXES block.
  const engine = tokenAt(lines, /^ENGINE ReplacingMergeTree$/, 'ENGINE');
  assertScope(engine, 'keyword.other.engine');
  assertNoScope(engine, 'meta.block');
  assertScope(tokenAt(lines, /^ENGINE ReplacingMergeTree$/, 'ReplacingMergeTree'), 'support.class.engine');
  assertScope(tokenAt(lines, /^ENGINE_PARTITION_KEY /, 'ENGINE_PARTITION_KEY'), 'keyword.other.engine-setting');
  assertScope(tokenAt(lines, /^ENGINE_PARTITION_KEY /, 'toYear'), 'support.function');
  assertScope(tokenAt(lines, /^ENGINE_SORTING_KEY /, 'ENGINE_SORTING_KEY'), 'keyword.other.engine-setting');
  assertScope(tokenAt(lines, /^ENGINE_VER /, 'ENGINE_VER'), 'keyword.other.engine-setting');
  assertScope(tokenAt(lines, /^ENGINE_VER /, 'updatedAt'), 'variable.other.column');
});

test('datasource: engine TTL expression and column without jsonpath', async () => {
  const lines = await tok('datasources/activityRelations_enrich_snapshot_MV_ds.datasource');
  const ttl = /^ENGINE_TTL /;
  assertScope(tokenAt(lines, ttl, 'ENGINE_TTL'), 'keyword.other.engine-setting');
  assertScope(tokenAt(lines, ttl, 'toDateTime'), 'support.function');
  assertScope(tokenAt(lines, ttl, '+'), 'keyword.operator');
  assertScope(tokenAt(lines, ttl, '3'), 'constant.numeric');
  const snap = /^ {4}`snapshotId` DateTime$/;
  assertScope(tokenAt(lines, snap, 'snapshotId'), 'variable.other.column');
  assertScope(tokenAt(lines, snap, 'DateTime'), 'support.type');
});

test('pipe: node names, SQL keywords, templated SQL with {{ }}, {% if %} and the leading %', async () => {
  const lines = await tok('pipes/active_contributors.pipe');
  const node = /^NODE timeseries_generation_for_active_contributors$/;
  assertScope(tokenAt(lines, node, 'NODE'), 'keyword.other.node');
  assertScope(tokenAt(lines, node, 'timeseries_generation_for_active_contributors'), 'entity.name.function.node');

  const sqlKw = tokenAt(lines, /^SQL >$/, 'SQL');
  assertScope(sqlKw, 'keyword.other');
  assert.ok(!inSql(sqlKw));

  const pct = tokensOn(lines, /^ {4}%$/).find((t) => t.text === '%')!;
  assertScope(pct, 'keyword.control.directive.template');

  const ifLine = /^ {4}\{% if defined\(granularity\) %\}$/;
  assertScope(tokenAt(lines, ifLine, '{%'), 'punctuation.section.embedded.begin');
  assertScope(tokenAt(lines, ifLine, 'if'), 'keyword.control.template');
  assertScope(tokenAt(lines, ifLine, 'defined'), 'support.function.template');
  assertScope(tokenAt(lines, ifLine, 'granularity'), 'variable.other.template');
  assertScope(tokenAt(lines, ifLine, '%}'), 'punctuation.section.embedded.end');
  assert.ok(inSql(tokenAt(lines, ifLine, 'if')));

  const elseLine = /^ {4}\{% else %\} select 1$/;
  assertScope(tokenAt(lines, elseLine, 'else'), 'keyword.control.template');
  assertScope(tokenAt(lines, elseLine, 'select'), 'keyword.other.sql');
  assertScope(tokenAt(lines, elseLine, '1'), 'constant.numeric');
  assertScope(tokenAt(lines, /^ {4}\{% end %\}$/, 'end'), 'keyword.control.template');

  const when = /^ {16}WHEN \{\{ granularity \}\} = 'daily'$/;
  assertScope(tokenAt(lines, when, 'WHEN'), 'keyword.control.conditional.sql');
  assertScope(tokenAt(lines, when, '{{'), 'meta.embedded.expression.template');
  assertScope(tokenAt(lines, when, 'granularity'), 'variable.other.template');
  assertScope(tokenAt(lines, when, '}}'), 'punctuation.section.embedded.end');
  assertScope(tokenAt(lines, when, '='), 'keyword.operator.comparison');
  assertScope(tokenAt(lines, when, 'daily'), 'string.quoted.single.sql');

  assertScope(tokenAt(lines, /^ {8}SELECT$/, 'SELECT'), 'keyword.other.sql');
  assertScope(tokenAt(lines, /^ {8}FROM generate_timeseries ds$/, 'FROM'), 'keyword.other.sql');
  assertScope(tokenAt(lines, /^ {8}LEFT JOIN$/, 'JOIN'), 'keyword.other.sql');
  assertScope(tokenAt(lines, /^ {12}COALESCE\($/, 'COALESCE'), 'support.function.sql');
  assertScope(tokenAt(lines, /^ {12}ds\."startDate",$/, 'startDate'), 'variable.other.quoted.double.sql');
  assertScope(tokenAt(lines, /^ {12}-- GitHub review activities$/, '-- GitHub review activities'.slice(2)), 'comment.line.double-dash.sql');

  // Typed parameter with keyword arguments.
  const arr = /^ {12}IN \{\{ Array\(repos, 'String', description="Filter maintainer repo list", required=False\) \}\}$/;
  assertScope(tokenAt(lines, arr, 'IN'), 'keyword.operator.logical.sql');
  assertScope(tokenAt(lines, arr, 'Array'), 'support.function.template');
  assertScope(tokenAt(lines, arr, 'String'), 'string.quoted.single.template');
  assertScope(tokenAt(lines, arr, 'description'), 'variable.parameter.template');
  assertScope(tokenAt(lines, arr, 'False'), 'constant.language.template');
});

test('pipe: a line after an SQL block that starts unindented is back in datafile scope (TYPE COPY)', async () => {
  const lines = await tok('pipes/activityRelations_snapshot_merger_copy_0.pipe');
  const lastSql = tokenAt(lines, /^ {4}from historical_carryforward$/, 'from');
  assertScope(lastSql, 'keyword.other.sql');
  assert.ok(inSql(lastSql));

  const type = tokenAt(lines, /^TYPE COPY$/, 'TYPE');
  assertScope(type, 'keyword.other.type');
  assert.ok(!inSql(type), 'TYPE must not be inside the embedded SQL');
  assertNoScope(type, 'meta.block');
  assertScope(tokenAt(lines, /^TYPE COPY$/, 'COPY'), 'constant.language.node-type');
  assertScope(tokenAt(lines, /^TARGET_DATASOURCE /, 'TARGET_DATASOURCE'), 'keyword.other');
  assertScope(tokenAt(lines, /^TARGET_DATASOURCE /, 'activityRelations_enriched_deduplicated_bucket_0_ds'), 'entity.name.type.datasource');
  assertScope(tokenAt(lines, /^COPY_MODE /, 'replace'), 'constant.language');
  assertScope(tokenAt(lines, /^COPY_SCHEDULE /, 'COPY_SCHEDULE'), 'keyword.other');
  assertScope(tokenAt(lines, /^COPY_SCHEDULE /, '30'), 'string.unquoted.cron');

  // Each NODE after an SQL block starts a fresh statement.
  const node = tokenAt(lines, /^NODE historical_carryforward$/, 'historical_carryforward');
  assertScope(node, 'entity.name.function.node');
  assert.ok(!inSql(node));
  // SQL inside: WITH/SELECT/INTERVAL units, backslash-free numbers, operators
  const interval = /^ {4}SELECT \* REPLACE \(toStartOfInterval\(now\(\), INTERVAL 1 day\) AS snapshotId\)$/;
  assertScope(tokenAt(lines, interval, 'REPLACE'), 'keyword.other.sql');
  assertScope(tokenAt(lines, interval, 'toStartOfInterval'), 'support.function.sql');
  assertScope(tokenAt(lines, interval, 'INTERVAL'), 'keyword.other.sql');
  assertScope(tokenAt(lines, interval, 'day'), 'keyword.other.unit.sql');
  assertScope(tokenAt(lines, /^ {8}cityHash64\(segmentId\) % 3 = 0$/, '%'), 'keyword.operator.arithmetic.sql');
});

test('pipe: MATERIALIZED node with DATASOURCE, and /* */ comments in SQL', async () => {
  const mv = await tok('pipes/activityRelations_enrich_snapshot_MV.pipe');
  assertScope(tokenAt(mv, /^TYPE MATERIALIZED$/, 'MATERIALIZED'), 'constant.language.node-type');
  const ds = tokenAt(mv, /^DATASOURCE /, 'activityRelations_enrich_snapshot_MV_ds');
  assertScope(ds, 'entity.name.type.datasource');
  assertScope(tokenAt(mv, /^DATASOURCE /, 'DATASOURCE'), 'keyword.other.datasource');
  assertScope(tokenAt(mv, /CAST\(country_data \.2 AS LowCardinality\(String\)\)/, 'LowCardinality'), 'support.type.sql');
  assertScope(tokenAt(mv, /^ {8}case$/, 'case'), 'keyword.control.conditional.sql');

  const mon = await tok('pipes/monitoring_copy_pipe_executions.pipe');
  const c = tokensOn(mon, /\/\* queued: current has max-jobs error/).find((t) => t.text.includes('queued'))!;
  assertScope(c, 'comment.block.sql');
});

test('synthetic: # comments, lower-case keywords, unindented FROM, {# #}, backticks and discarded text', async () => {
  const g = await grammar('source.tinybird-pipe');
  const src = [
    '# top comment',
    'node first # trailing',
    'sql > ignored',
    '    %',
    '    # dropped by the lexer',
    '    {# template comment #}',
    '    SELECT `weird col`, 0x1F, 1.5e3 /* c */',
    'FROM t',
    '    WHERE x = {{ Int32(x, 5) }} -- done',
    'type endpoint',
    'NODE second',
    'SQL >',
    '    SELECT 1 /* unclosed',
    'NODE third',
  ].join('\n');
  const lines = tokenize(g, src);
  assertScope(tokenAt(lines, /^# top comment$/, '# top comment'.slice(1)), 'comment.line.number-sign');
  assertScope(tokenAt(lines, /^node first/, 'node'), 'keyword.other.node');
  assertScope(tokenAt(lines, /^node first/, 'first'), 'entity.name.function.node');
  assertScope(tokenAt(lines, /^node first/, ' trailing'), 'comment.line.number-sign');
  assertScope(tokenAt(lines, /^sql >/, 'sql'), 'keyword.other');
  assertScope(tokenAt(lines, /^sql >/, 'ignored'), 'invalid.illegal');
  const dropped = tokensOn(lines, /# dropped/).find((t) => t.text.includes('dropped'))!;
  assertScope(dropped, 'comment.line.number-sign.tinybird');
  assertScope(tokensOn(lines, /\{# template/).find((t) => t.text.includes('template comment'))!, 'comment.block.template');
  const sel = /SELECT `weird col`/;
  assertScope(tokenAt(lines, sel, 'weird col'), 'variable.other.quoted.backtick.sql');
  assertScope(tokenAt(lines, sel, '0x1F'), 'constant.numeric');
  assertScope(tokenAt(lines, sel, '1.5e3'), 'constant.numeric');
  assertScope(tokenAt(lines, sel, ' c '), 'comment.block.sql');
  // An unindented FROM stays in the SQL block (parser rule), it is SQL.
  const from = tokenAt(lines, /^FROM t$/, 'FROM');
  assert.ok(inSql(from));
  assertScope(from, 'keyword.other.sql');
  assertScope(tokenAt(lines, /WHERE x =/, 'Int32'), 'support.function.template');
  assertScope(tokenAt(lines, /WHERE x =/, '5'), 'constant.numeric');
  assertScope(tokensOn(lines, /WHERE x =/).find((t) => t.text.includes('done'))!, 'comment.line.double-dash.sql');
  const type = tokenAt(lines, /^type endpoint$/, 'type');
  assert.ok(!inSql(type));
  assertScope(type, 'keyword.other.type');
  assertScope(tokenAt(lines, /^type endpoint$/, 'endpoint'), 'constant.language.node-type');
  // An unclosed /* does not swallow the next NODE: the block ends at the next unindented keyword.
  const third = tokenAt(lines, /^NODE third$/, 'third');
  assertScope(third, 'entity.name.function.node');
  assert.ok(!inSql(third));
});

test('synthetic .incl: connector settings, env vars, INCLUDE and TOKEN', async () => {
  const g = await grammar('source.tinybird-include');
  const lines = tokenize(g, [
    'KAFKA_CONNECTION_NAME $CONNECTION',
    'KAFKA_TOPIC ${TOPIC}_events',
    'INCLUDE "shared/kafka.incl" "TOPIC=events"',
    'TOKEN "read api" READ',
    'VERSION 2',
    'COPY_SCHEDULE @on-demand',
  ].join('\n'));
  assertScope(tokenAt(lines, /^KAFKA_CONNECTION_NAME/, 'KAFKA_CONNECTION_NAME'), 'keyword.other.connector');
  assertScope(tokenAt(lines, /^KAFKA_CONNECTION_NAME/, 'CONNECTION'), 'variable.other.environment');
  assertScope(tokenAt(lines, /^KAFKA_TOPIC/, '_events'), 'string.unquoted');
  assertScope(tokenAt(lines, /^INCLUDE/, 'INCLUDE'), 'keyword.control.import');
  assertScope(tokenAt(lines, /^INCLUDE/, 'shared/kafka.incl'), 'string.quoted.double');
  assertScope(tokenAt(lines, /^INCLUDE/, 'TOPIC'), 'variable.parameter');
  assertScope(tokenAt(lines, /^TOKEN/, 'read api'), 'string.quoted.double');
  assertScope(tokenAt(lines, /^TOKEN/, 'READ'), 'constant.language.permission');
  assertScope(tokenAt(lines, /^VERSION/, '2'), 'constant.numeric');
  assertScope(tokenAt(lines, /^COPY_SCHEDULE/, '@on-demand'), 'constant.language.schedule');
});

test('every corpus file tokenizes without error, in reasonable time, and ends outside any block', async () => {
  const files = corpusFiles();
  assert.ok(files.length >= 400, `expected the crowd.dev corpus, found ${files.length} files`);
  let lineCount = 0;
  for (const file of files) {
    const g = await grammar(scopeForFile(file));
    const src = readFileSync(file, 'utf8');
    // A generous per-line limit: only catastrophic regex backtracking makes the tokenizer stop early
    // (speed itself is not asserted in unit tests).
    const lines = tokenize(g, src, 10_000);
    lineCount += lines.length;
    for (const l of lines) {
      assert.ok(!l.stoppedEarly, `${path.basename(file)}: tokenizer stopped early on ${JSON.stringify(l.text)}`);
      for (const t of l.tokens) {
        assert.ok(!hasScope(t, 'invalid'), `${path.basename(file)}: invalid token ${JSON.stringify(t.text)} in ${JSON.stringify(l.text)}`);
      }
    }
    // Every unindented keyword line must be in datafile scope, never inside a block.
    for (const l of lines) {
      if (!/^[A-Z_]+(\s|$)/.test(l.text) || /^FROM\b/i.test(l.text)) continue;
      const first = l.tokens[0]!;
      assert.ok(first.scopes.some((s) => s.startsWith('keyword.')), `${path.basename(file)}: ${JSON.stringify(l.text)} -> ${first.scopes.join(' ')}`);
      assert.ok(!first.scopes.some((s) => s.startsWith('meta.embedded') || s === 'source.tinybird-sql'), `${path.basename(file)}: ${JSON.stringify(l.text)} inside SQL`);
    }
  }
  assert.ok(lineCount > 10_000, `expected the whole corpus to be tokenized, got ${lineCount} lines`);
});
