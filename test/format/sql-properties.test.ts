import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { formatSqlTemplate, formatSqlTemplateDetailed, sqlfmtFailure } from '../../server/format/sql/index';
import { nodeSqls } from '../support/sqlBlock';
import { caseIds, GOLDEN_ROOT } from './sqlGoldenCases';
import { sharedPath } from '../support/shared';

const CORPUS = sharedPath('corpus/crowd.dev/pipes');

/** SQL nodes of the corpus plus the (mangled) inputs of the sql-nodes-a golden group. */
function sampleNodes(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(CORPUS).filter((x) => x.endsWith('.pipe'))) {
    out.push(...nodeSqls(fs.readFileSync(path.join(CORPUS, f), 'utf8'), {}));
  }
  for (const id of caseIds('sql-nodes-a')) {
    out.push(...nodeSqls(fs.readFileSync(path.join(GOLDEN_ROOT, 'sql-nodes-a', id, 'input.pipe'), 'utf8')));
  }
  return out;
}

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/gu;
const QUOTED_OR_COMMENT = /('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`\\]|\\.)*`)|(--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|\{#[\s\S]*?#\})/gu;

/**
 * A comment as the skeleton compares it: a line comment as its words (a long standalone one is wrapped
 * at whitespace into several, §9.2), each with its marker; a block comment whole, without whitespace.
 */
function commentPieces(comment: string): string[] {
  const marker = /^(--|#)/u.exec(comment)?.[0];
  if (!marker) return [comment.replace(/\s+/gu, '')];
  return comment.slice(marker.length).split(/\s+/u).filter(Boolean).map((word) => marker + word);
}

/**
 * The non-whitespace text outside template tags and comments, plus the sorted comment pieces: comments
 * may be hoisted, wrapped and get their marker spacing normalised (§9.2), and black rewrites tag code (§6).
 */
function sqlSkeleton(sql: string): { code: string; comments: string[] } {
  const comments: string[] = [];
  const code = sql
    .replace(TAG, '\u0000')
    .replace(QUOTED_OR_COMMENT, (_all, quoted: string | undefined, comment: string | undefined) => {
      if (comment) comments.push(...commentPieces(comment));
      return quoted ?? ' ';
    })
    .replace(/\s+/gu, '');
  return { code, comments: comments.sort() };
}

/** The tag code without whitespace, commas and parentheses that black may add or remove (§6.6). */
function tagSkeleton(sql: string): string[] {
  return (sql.match(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/gu) ?? []).map((t) => t.replace(/[\s,()]/gu, '').toLowerCase());
}

const nodes = sampleNodes();

test('idempotence: formatting formatted SQL changes nothing', () => {
  const failures: string[] = [];
  nodes.forEach((sql, i) => {
    const once = formatSqlTemplateDetailed(sql);
    // the fallback of a templated node re-indents verbatim text on every run (§11, E77)
    if (once.fallback) return;
    if (formatSqlTemplate(once.text) !== once.text) failures.push(`node ${i}: ${sql.slice(0, 60)}`);
  });
  assert.deepEqual(failures, []);
});

test('the non-whitespace token sequence is preserved (SQL outside tags, and tag code)', () => {
  for (const sql of nodes) {
    const out = formatSqlTemplate(sql);
    assert.deepEqual(sqlSkeleton(out), sqlSkeleton(sql));
    assert.deepEqual(tagSkeleton(out), tagSkeleton(sql));
  }
});

/** SQL-ish fragments: keywords, names, operators, brackets, strings, comments and tags. */
const fragment = fc.constantFrom(
  'SELECT', 'select', 'FROM', 'WHERE', 'AND', 'or', 'not', 'GROUP BY', 'ORDER BY', 'LIMIT', 'UNION ALL', 'CASE', 'WHEN', 'THEN',
  'ELSE', 'END', 'IN', 'BETWEEN', 'and', 'JOIN', 'ON', 'AS', 'with', 'a', 'bbbbbbbbbbbbbbbbbbbb', 'count(*)', 'f(', '(', ')', '[',
  ']', ',', '.', '::', ':', '=', '!=', '<=', '>', '+', '-', '*', '/', '1', '-2', '.5', "'s'", '"q"', '`b`', '-- c', '/* c */',
  '{{ x }}', '{{String(x, "a", required=False)}}', '{% if defined(x) %}', '{% else %}', '{% end %}', '{% set y = 1 %}',
  '{# c #}', ';', '\n', '\n', '   ', '%s', '$var', 'ééé',
);

test('never throws and never hangs on random SQL-ish input', () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), fc.boolean(), (parts, templated) => {
      const sql = (templated ? '%\n' : '') + parts.join(' ');
      const r = formatSqlTemplateDetailed(sql);
      assert.equal(typeof r.text, 'string');
      if (r.fallback) assert.equal(r.text, sql.trim());
      else assert.deepEqual(sqlSkeleton(r.text), sqlSkeleton(sql));
    }),
    { numRuns: 500, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) }, // FC_SEED replays a failure
  );
});

test('sqlfmtFailure gives the formatter\'s fallback reason without rendering (corpus, golden inputs, random SQL-ish input)', () => {
  const samples = sampleNodes();
  assert.ok(samples.some((sql) => formatSqlTemplateDetailed(sql).fallback), 'no sample falls back');
  for (const sql of samples) assert.equal(sqlfmtFailure(sql), formatSqlTemplateDetailed(sql).fallback, sql);
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), fc.boolean(), (parts, templated) => {
      const sql = (templated ? '%\n' : '') + parts.join(' ');
      assert.equal(sqlfmtFailure(sql), formatSqlTemplateDetailed(sql).fallback);
    }),
    { numRuns: 500 },
  );
});

test('never throws on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      assert.equal(typeof formatSqlTemplate(s), 'string');
    }),
    { numRuns: 500 },
  );
});

test('a merge that cannot make progress gives up at once with sqlfmt\'s recursion error, and sqlfmtFailure says so too', () => {
  const sql = '%\nAS UNION ALL';
  assert.equal(formatSqlTemplateDetailed(sql).fallback, 'maximum recursion depth exceeded');
  assert.equal(sqlfmtFailure(sql), 'maximum recursion depth exceeded');
});
