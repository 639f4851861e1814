import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  DATAFILE_KEYWORDS,
  DATAFILE_KEYWORD_MAP,
  datafileKeyword,
  ENGINE_ARG_NAMES,
  ENGINE_ARGS,
  ENGINES,
  engineSpec,
  keywordsForKind,
} from '../../server/catalog/keywords';
import { commandTableKeywords, engineNames, readReference } from './referenceParse';

const md = readReference();

test('keyword catalog covers exactly the §1.1 command table', () => {
  const expected = commandTableKeywords(md).sort();
  const actual = DATAFILE_KEYWORDS.map((k) => k.name).sort();
  assert.ok(expected.length > 70, `parsed only ${expected.length} keywords from the reference`);
  assert.deepEqual(actual, expected);
});

test('keyword names are unique and upper-case, aliases point at real keywords', () => {
  assert.equal(DATAFILE_KEYWORD_MAP.size, DATAFILE_KEYWORDS.length);
  for (const k of DATAFILE_KEYWORDS) {
    assert.equal(k.name, k.name.toUpperCase());
    assert.ok(k.description.length > 10, k.name);
    assert.ok(k.snippet.length > 0, k.name);
    assert.ok(k.kinds.length > 0, k.name);
    assert.equal(k.nodeLevel, k.scope !== 'document', k.name);
    if (k.aliasOf) assert.ok(DATAFILE_KEYWORD_MAP.has(k.aliasOf), `${k.name} → ${k.aliasOf}`);
    if (k.valuesClosed) assert.ok(k.values && k.values.length > 0, k.name);
  }
  assert.equal(datafileKeyword('indices')?.aliasOf, 'INDEXES');
  assert.equal(datafileKeyword('mode')?.aliasOf, 'COPY_MODE');
});

test('block forms follow the reference', () => {
  const form = (n: string) => datafileKeyword(n)?.form;
  for (const n of ['SCHEMA', 'INDEXES', 'INDICES', 'SQL', 'SETTINGS']) assert.equal(form(n), 'block', n);
  for (const n of ['DESCRIPTION', 'SHARED_WITH']) assert.equal(form(n), 'line-or-block', n);
  for (const n of ['ENGINE', 'TYPE', 'NODE', 'TOKEN', 'VERSION', 'KAFKA_TOPIC']) assert.equal(form(n), 'line', n);
});

test('document-level vs node-level keywords', () => {
  for (const n of ['TOKEN', 'INCLUDE', 'VERSION', 'SHARED_WITH', 'SOURCE', 'MAINTAINER', 'FROM']) assert.equal(datafileKeyword(n)?.nodeLevel, false, n);
  for (const n of ['SQL', 'TYPE', 'ENGINE', 'SCHEMA', 'DATASOURCE', 'EXPORT_SERVICE', 'DESCRIPTION', 'TAGS']) assert.equal(datafileKeyword(n)?.nodeLevel, true, n);
});

test('fixed value sets', () => {
  const values = (n: string) => datafileKeyword(n)?.values?.map((v) => v.value);
  assert.deepEqual(values('TYPE'), ['endpoint', 'materialized', 'copy', 'sink', 'stream']);
  assert.deepEqual(values('COPY_MODE'), ['append', 'replace']);
  assert.ok(values('COPY_SCHEDULE')?.includes('@on-demand'));
  assert.equal(datafileKeyword('COPY_SCHEDULE')?.valuesClosed, false);
  assert.deepEqual(values('EXPORT_SERVICE')?.sort(), ['gcs_hmac', 'kafka', 's3', 's3_iamrole']);
  assert.deepEqual(values('IMPORT_SERVICE')?.sort(), ['bigquery', 'dynamodb', 'gcs', 's3', 's3_iamrole', 'snowflake']);
  assert.deepEqual(values('ENGINE'), ENGINES.map((e) => e.name));
});

test('file kinds', () => {
  const ds = keywordsForKind('datasource').map((k) => k.name);
  const pipe = keywordsForKind('pipe').map((k) => k.name);
  assert.ok(ds.includes('SCHEMA') && !ds.includes('SQL') && !ds.includes('NODE'));
  assert.ok(pipe.includes('SQL') && pipe.includes('NODE') && pipe.includes('TYPE') && !pipe.includes('SCHEMA'));
  assert.ok(pipe.includes('ENGINE') && pipe.includes('ENGINE_SORTING_KEY'));
  assert.ok(keywordsForKind('token').some((k) => k.name === 'SCOPE'));
  // .incl files are spliced into datasources and pipes, so everything valid there is valid in them.
  const incl = new Set(keywordsForKind('include').map((k) => k.name));
  for (const n of [...ds, ...pipe]) assert.ok(incl.has(n), n);
});

test('engines are the 8 of §2.4 and every ENGINE_* keyword is some engine arg', () => {
  assert.deepEqual(ENGINES.map((e) => e.name), engineNames(md));
  assert.equal(engineSpec('replacingmergetree')?.name, 'ReplacingMergeTree');
  assert.equal(engineSpec('"MergeTree"')?.name, 'MergeTree');
  assert.equal(engineSpec('Memory'), undefined);
  const used = new Set(Object.values(ENGINE_ARGS).flatMap((args) => args.map((a) => a.keyword)));
  assert.deepEqual([...used].sort(), ENGINE_ARG_NAMES.map((a) => `ENGINE_${a}`).sort());
  for (const a of ENGINE_ARG_NAMES) assert.equal(datafileKeyword(`ENGINE_${a}`)?.engineArg, a.toLowerCase());
});

test('engine args and required ones per §2.4', () => {
  const req = (e: keyof typeof ENGINE_ARGS) => ENGINE_ARGS[e].filter((a) => a.required).map((a) => a.arg).sort();
  const all = (e: keyof typeof ENGINE_ARGS) => ENGINE_ARGS[e].map((a) => a.arg);
  assert.deepEqual(req('MergeTree'), []);
  assert.deepEqual(req('ReplacingMergeTree'), ['sorting_key']);
  assert.ok(all('ReplacingMergeTree').includes('ver') && all('ReplacingMergeTree').includes('is_deleted'));
  assert.ok(ENGINE_ARGS.ReplacingMergeTree.find((a) => a.arg === 'sorting_key')?.rejectsEmptyTuple);
  assert.deepEqual(req('AggregatingMergeTree'), ['sorting_key']);
  assert.deepEqual(req('CollapsingMergeTree'), ['sign', 'sorting_key']);
  assert.deepEqual(req('VersionedCollapsingMergeTree'), ['sign', 'version']);
  assert.ok(all('SummingMergeTree').includes('columns'));
  assert.deepEqual(req('Join'), ['join_strictness', 'join_type', 'key_columns']);
  assert.deepEqual(all('Join').sort(), ['join_strictness', 'join_type', 'key_columns']);
  assert.deepEqual(ENGINE_ARGS.Null, []);
  assert.equal(ENGINES.find((e) => e.name === 'Join')?.deprecated, true);
  assert.equal(ENGINES.find((e) => e.isDefault)?.name, 'MergeTree');
});
