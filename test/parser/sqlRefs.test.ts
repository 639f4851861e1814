import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../server/parser/sqlRefs';
import { itemExpression, outputName, selectListAt } from '../../server/parser/selectList';
import { tokenizeSql } from '../../server/parser/sqlScan';

const names = (sql: string) => analyzeSql(sql).refs.map((r) => (r.qualifier ? `${r.qualifier}.${r.name}` : r.name));

test('FROM and every JOIN kind', () => {
  assert.deepEqual(names('SELECT * FROM a LEFT JOIN b ON a.x = b.x INNER JOIN c USING (x) ANY LEFT JOIN d ON 1'), ['a', 'b', 'c', 'd']);
});

test('subqueries, IN subqueries and comma lists', () => {
  assert.deepEqual(names('SELECT * FROM (SELECT * FROM inner_t) WHERE id IN (SELECT id FROM other), x FROM p, q'), ['inner_t', 'other', 'p', 'q']);
});

test('CTE names are collected, and their bodies scanned', () => {
  const analysis = analyzeSql('WITH recent AS (SELECT * FROM events), b AS (SELECT 1) SELECT * FROM recent JOIN b ON 1');
  assert.deepEqual([...analysis.ctes], ['recent', 'b']);
  assert.deepEqual(analysis.refs.map((r) => r.name), ['events', 'recent', 'b']);
});

test('WITH RECURSIVE names a CTE like any other', () => {
  const analysis = analyzeSql('WITH RECURSIVE nums AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM nums WHERE n < 5) SELECT n FROM nums');
  assert.deepEqual([...analysis.ctes], ['nums']);
});

test('a FROM inside a template branch ends at the branch: the next branch is not a table list', () => {
  const sql = "%\nSELECT {% if f == 'p' %} id, value FROM products_ {% else %} value FROM kpis_ {% end %}";
  assert.deepEqual(names(sql), ['products_', 'kpis_']);
  assert.deepEqual(names('%\nSELECT * FROM a {% if x %} {% elif y %} b {% else %} {% if z %} c {% end %} {% end %}'), ['a', 'b', 'c']);
});

test('table functions are not references', () => {
  const analysis = analyzeSql('SELECT * FROM numbers(10) JOIN t ON 1');
  assert.deepEqual(analysis.refs.map((r) => r.name), ['t']);
  assert.deepEqual(analysis.tableFunctions.map((f) => f.name), ['numbers']);
});

test('names inside every template branch are included; template expressions are not names', () => {
  assert.deepEqual(names('%\nSELECT * FROM {% if x %} a {% else %} b {% end %} JOIN {{ TABLE(t) }} ON 1'), ['a', 'b']);
});

test('FROM inside extract/trim and ARRAY JOIN are not table references', () => {
  assert.deepEqual(names("SELECT extract(DAY FROM ts), trim(BOTH ' ' FROM s) FROM t ARRAY JOIN arr AS a"), ['t']);
});

test('aliases, FINAL, quoted and qualified names', () => {
  const refs = analyzeSql('SELECT * FROM db.`events` AS e FINAL JOIN users u ON 1').refs;
  assert.deepEqual(refs.map((r) => [r.qualifier, r.name, r.alias]), [['db', 'events', 'e'], [undefined, 'users', 'u']]);
});

test('comments and strings are skipped', () => {
  assert.deepEqual(names("SELECT 'FROM x' -- FROM y\n/* FROM z */ FROM real_t"), ['real_t']);
});

test('reference spans point at the name', () => {
  const sql = 'SELECT 1 FROM  schema_name.tbl';
  const [ref] = analyzeSql(sql).refs;
  assert.equal(sql.slice(ref.span.start, ref.span.end), 'tbl');
  assert.equal(sql.slice(ref.fullSpan.start, ref.fullSpan.end), 'schema_name.tbl');
});

test('CTE bodies and FROM/JOIN subqueries are derived tables, with their alias', () => {
  const sql = 'WITH m AS (SELECT 1 AS x) SELECT * FROM (SELECT * FROM t) AS a JOIN (SELECT 2) b ON 1 WHERE id IN (SELECT id FROM u)';
  const derived = analyzeSql(sql).derived.map((d) => `${d.kind}:${d.name ?? '-'}:${sql.slice(d.open + 1, d.close)}`);
  assert.deepEqual(derived, ['cte:m:SELECT 1 AS x', 'subquery:a:SELECT * FROM t', 'subquery:b:SELECT 2']);
  assert.deepEqual(analyzeSql('SELECT * FROM (SELECT 1) WHERE 1').derived.map((d) => d.name), [undefined]);
});

test('SELECT lists: items at their own depth, clause keywords end them, output names with aliases', () => {
  const tokens = tokenizeSql("SELECT DISTINCT a, t.b, count() c, sum(x) AS total, 'k' AS kind, x + 1 FROM t PREWHERE y WHERE z");
  const list = selectListAt(tokens, 0);
  assert.equal(list.templated, false);
  assert.deepEqual(
    list.items.map((item) => outputName(item)).map((o) => (o ? [o.name, o.alias !== undefined] : undefined)),
    [['a', false], ['b', false], ['c', true], ['total', true], ['kind', true], undefined],
  );
  assert.deepEqual(itemExpression(list.items[3], outputName(list.items[3])).map((t) => t.text), ['sum', '(', 'x', ')']);
  const templated = tokenizeSql('SELECT a {% if x %}, b {% end %} FROM t');
  assert.equal(selectListAt(templated, 0).templated, true);
});
