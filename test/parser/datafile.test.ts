import assert from 'node:assert/strict';
import { test } from 'node:test';
import { includeKind, parseDatafile } from '../../server/parser/datafile';

const pipe = (text: string) => parseDatafile(text, 'pipe');
const ds = (text: string) => parseDatafile(text, 'datasource');
const codes = (doc: ReturnType<typeof pipe>) => doc.diagnostics.map((d) => d.code);
const messages = (doc: ReturnType<typeof pipe>) => doc.diagnostics.map((d) => d.message);

test('keywords are case-insensitive', () => {
  const doc = ds('schema >\n    a String\nengine MergeTree\n');
  assert.deepEqual(codes(doc), []);
  assert.equal(doc.nodes[0].schema?.columns[0].name, 'a');
  assert.equal(doc.nodes[0].engine?.type?.value, 'MergeTree');
});

test('single-line values: args joined by one space, then unquoted', () => {
  const doc = ds('SCHEMA >\n    a String\nENGINE_SORTING_KEY   a,   b\nENGINE_PARTITION_KEY "toYYYYMM(a)"\n');
  const args = doc.nodes[0].engine!.args;
  assert.equal(args[0].value, 'a, b');
  assert.equal(args[1].value, 'toYYYYMM(a)');
});

test('a one-line DESCRIPTION keeps its quotes', () => {
  assert.equal(ds('DESCRIPTION "x"\nSCHEMA >\n    a String\n').description?.value, '"x"');
});

test('`SQL>` without a space is the unknown command SQL>', () => {
  assert.deepEqual(messages(pipe('NODE n\nSQL>\n    SELECT 1\n')), ['SQL> is not a valid option', 'SELECT is not a valid option']);
});

test('text after `>` is discarded and recorded', () => {
  const doc = pipe('NODE n\nSQL > SELECT 999\n    SELECT 1\n');
  const sql = doc.commands.find((c) => c.name === 'sql')!;
  assert.ok(sql.block?.discarded);
  assert.equal(doc.text.slice(sql.block!.discarded!.start, sql.block!.discarded!.end), 'SELECT 999');
  assert.equal(doc.nodes[0].sql?.text, 'SELECT 1');
});

test('blank and # lines inside a block are dropped from its text', () => {
  const doc = pipe('NODE n\nSQL >\n    SELECT 1\n\n    # hidden\n    FROM t\n');
  assert.equal(doc.nodes[0].sql?.text, 'SELECT 1\nFROM t');
});

test('a block ends only at an unindented known keyword that does not start with from', () => {
  const doc = pipe('NODE n\nSQL >\n    SELECT a\nFROM t\nWHERE a > 1\nTYPE endpoint\n');
  assert.equal(doc.nodes[0].sql?.text, '    SELECT a\nFROM t\nWHERE a > 1');
  assert.equal(doc.nodes[0].attrs.get('type')?.value, 'endpoint');
});

test('an unindented unknown keyword after a block is swallowed; outside a block it is an error', () => {
  const swallowed = pipe('NODE n\nSQL >\n    SELECT 1\nFORWARD_QUERY >\n    x\n');
  assert.deepEqual(codes(swallowed), []);
  assert.ok(swallowed.nodes[0].sql!.text.includes('FORWARD_QUERY >'));
  assert.deepEqual(messages(pipe('FOO_BAR baz\n')), ['FOO_BAR is not a valid option']);
});

test('a Tinybird Forward keyword outside a block gets its own code, naming it as Forward syntax', () => {
  const doc = parseDatafile('SCHEMA >\n    `id` Int64\n\nENGINE "MergeTree"\nFORWARD_QUERY >\n    SELECT id\n', 'datasource');
  assert.deepEqual(codes(doc), ['forward-syntax']);
  assert.match(messages(doc)[0], /^FORWARD_QUERY is Tinybird Forward syntax/);
});

test('templated SQL is stripped only; other SQL is dedented and right-stripped', () => {
  assert.equal(pipe('NODE n\nSQL >\n    %\n    SELECT {{ x }}\n      FROM t\n').nodes[0].sql?.text, '%\n    SELECT {{ x }}\n      FROM t');
  assert.equal(pipe('NODE n\nSQL >\n    SELECT 1\n      FROM t   \n').nodes[0].sql?.text, 'SELECT 1\n  FROM t');
  assert.equal(pipe('NODE n\nSQL >\n    %\n    SELECT 1\n').nodes[0].sql?.templated, true);
});

test('SQL offsets map back to the document, also with CRLF and templates', () => {
  const text = 'NODE n\r\nSQL >\r\n    %\r\n    SELECT a\r\n    FROM tbl\r\n';
  const sql = pipe(text).nodes[0].sql!;
  const at = sql.text.indexOf('tbl');
  assert.equal(text.slice(sql.toDocument(at), sql.toDocument(at) + 3), 'tbl');
  const plain = 'NODE n\nSQL >\n        SELECT a\n        FROM tbl\n';
  const psql = pipe(plain).nodes[0].sql!;
  assert.equal(plain.slice(psql.toDocument(psql.text.indexOf('tbl')), psql.toDocument(psql.text.indexOf('tbl')) + 3), 'tbl');
});

test('SQL and TYPE before a NODE are errors with tb wording', () => {
  assert.deepEqual(messages(pipe('SQL >\n    SELECT 1\n')), ['SQL must be called after a NODE command']);
  assert.deepEqual(messages(pipe('TYPE endpoint\n')), ['type must be called after a NODE command']);
});

test('missing node name, datasource name and SQL use tb messages', () => {
  assert.deepEqual(messages(pipe('NODE\n')), ['Missing node name for pipe creation after the NODE label']);
  assert.deepEqual(messages(pipe('NODE n\nSQL >\nTYPE materialized\nDATASOURCE\n')), [
    'Missing sql query for pipe creation after the SQL label',
    'Missing datasource name for pipe creation after the DATASOURCE label',
  ]);
});

test('TOKEN needs a name and a permission', () => {
  assert.deepEqual(messages(ds('TOKEN lonely\n')), ['TOKEN gets two params, token name and permissions e.g TOKEN "read api token" READ']);
  const doc = ds('TOKEN "read api" READ extra\n');
  assert.deepEqual(doc.tokens.map((t) => [t.name, t.permission]), [['read api', 'READ']]);
});

test('VERSION must be a non-negative integer', () => {
  assert.deepEqual(messages(ds('VERSION x\n')), ['version must be a positive integer e.g VERSION 2']);
  assert.deepEqual(messages(ds('VERSION -1\n')), ['version must be a positive integer e.g VERSION 2']);
  assert.equal(ds('VERSION 3\n').version?.value, '3');
});

test('a single-line SETTINGS is rejected; ENGINE_X for an unknown X is not a valid option', () => {
  assert.match(messages(ds('SETTINGS a=1\n'))[0], /^SETTINGS option is not allowed, use ENGINE_SETTINGS instead/);
  assert.deepEqual(messages(ds('ENGINE_FOO x\n')), ['ENGINE_FOO is not a valid option']);
});

test('TAGS: plain tags go to the document, k=v tags to the node', () => {
  const doc = ds('TAGS "billing, stats, with_staging=true"\nSCHEMA >\n    a String\n');
  assert.deepEqual(doc.tags, ['billing', 'stats']);
  assert.deepEqual(doc.nodes[0].kvTags, ['with_staging=true']);
});

test('INCLUDE records the path, VAR=value substitutions and the next NODE line', () => {
  const doc = pipe('INCLUDE "shared.incl" "TABLE=events"\n\nNODE after\nSQL >\n    SELECT 1\n');
  assert.deepEqual(doc.includes.map((i) => [i.path, i.vars, i.argsText, i.anchorLine]), [['shared.incl', { TABLE: 'events' }, '"shared.incl" "TABLE=events"', 'NODE after\n']]);
  assert.deepEqual(codes(pipe('INCLUDE "a.incl" NOEQUALS\n')), ['include-arguments']);
});

test('node attributes: COPY_MODE and MODE share `mode`; multi-word node names are unquoted', () => {
  const doc = pipe('NODE "a b"\nSQL >\n    SELECT 1\nTYPE COPY\nTARGET_DATASOURCE t\nCOPY_MODE append\nCOPY_SCHEDULE 0 * * * *\n');
  const node = doc.nodes[0];
  assert.equal(node.name, 'a b');
  assert.equal(node.attrs.get('mode')?.value, 'append');
  assert.equal(node.attrs.get('copy_schedule')?.value, '0 * * * *');
});

test('a datasource with a NODE has more than one node', () => {
  assert.deepEqual(messages(ds('SCHEMA >\n    a String\nNODE x\n')), ["datasources can't have more than one node"]);
});

test('a BOM is reported, not silently accepted', () => {
  assert.deepEqual(codes(ds('\ufeffSCHEMA >\n    a String\n')), ['bom']);
});

test('one bad line does not break the rest of the file', () => {
  const doc = pipe('NODE a\nSQL >\n    SELECT 1\nTYPE endpoint\nBOGUS x\nNODE b\nSQL >\n    SELECT 2\n');
  assert.deepEqual(codes(doc), ['unknown-keyword']);
  assert.deepEqual(doc.nodes.map((n) => n.sql?.text), ['SELECT 1', 'SELECT 2']);
});

test('an .incl is a datasource part when a line starts with schema or engine', () => {
  assert.equal(includeKind('  engine MergeTree\n'), 'datasource');
  assert.equal(includeKind('KAFKA_TOPIC t\n'), 'pipe');
});

test('fragments (.incl) accept settings before any NODE', () => {
  const doc = parseDatafile('KAFKA_CONNECTION_NAME c\nKAFKA_TOPIC t\n', 'pipe', { fragment: true });
  assert.deepEqual(codes(doc), []);
  assert.equal(doc.nodes[0].attrs.get('kafka_topic')?.value, 't');
});

test('node spans run to the last content before the next node', () => {
  const text = 'NODE a\nSQL >\n    SELECT 1\n\nNODE b\nSQL >\n    SELECT 2\n';
  const [a, b] = pipe(text).nodes;
  assert.equal(text.slice(a.span.start, a.span.end), 'NODE a\nSQL >\n    SELECT 1');
  assert.equal(text.slice(b.span.start), 'NODE b\nSQL >\n    SELECT 2\n');
});

test('block text: kept lines each followed by \\n, whether or not they are consecutive \\n-ended lines of the file', () => {
  const blockOf = (text: string) => pipe(text).commands.find((c) => c.block)!.block!.text;
  assert.equal(blockOf('NODE n\nSQL >\n    SELECT a\n    FROM t\nNODE m\n'), '    SELECT a\n    FROM t\n');
  assert.equal(blockOf('NODE n\nSQL >\n    SELECT a\n\n    FROM t\n'), '    SELECT a\n    FROM t\n');
  assert.equal(blockOf('NODE n\r\nSQL >\r\n    SELECT a\r\n    FROM t\r\n'), '    SELECT a\n    FROM t\n');
  assert.equal(blockOf('NODE n\nSQL >\n    SELECT a\n    FROM t'), '    SELECT a\n    FROM t\n');
  assert.equal(blockOf('NODE n\nSQL >\n'), '');
});
