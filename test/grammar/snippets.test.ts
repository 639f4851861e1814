// Snippet bodies, with every placeholder replaced by its default, must be in the corpus's canonical
// `tb fmt` layout. The layout model (./canonical.ts) is first checked against all corpus files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KEYWORDS, expandSnippet, formatDatafile, lex, parseStatements } from './canonical';
import { corpusFiles, grammar, hasScope, repoRoot, tokenize } from './textmate';

type Kind = 'datasource' | 'pipe';
interface Snippet { prefix: string | string[]; body: string | string[]; description?: string }

function loadSnippets(kind: Kind): Array<[string, Snippet]> {
  const file = path.join(repoRoot, 'snippets', `tinybird-${kind}.json`);
  return Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>);
}

/** Every reason `text` is not a canonical datafile; empty when it is. */
async function layoutProblems(text: string, kind: Kind): Promise<string[]> {
  const problems: string[] = [];
  const lines = text.split('\n');
  lines.forEach((l, n) => {
    const where = `line ${n + 1} ${JSON.stringify(l)}`;
    if (/\t/.test(l)) problems.push(`${where}: tab`);
    if (/\s$/.test(l)) problems.push(`${where}: trailing whitespace`);
    const indent = /^ */.exec(l)![0].length;
    if (indent % 4 !== 0) problems.push(`${where}: indentation is not a multiple of 4`);
    if (indent === 0 && l !== '') {
      const kw = lex(l)[0] ?? '';
      if (!KEYWORDS.has(kw.toLowerCase())) problems.push(`${where}: unindented line is not a datafile keyword`);
      else if (kw !== kw.toUpperCase()) problems.push(`${where}: keyword is not upper case`);
      if (/\s>/.test(l) && !/^[A-Z_]+ >$/.test(l)) problems.push(`${where}: block opener is not "KEYWORD >"`);
    }
    if (indent > 0 && l.length - 4 > 100) problems.push(`${where}: longer than sqlfmt's 100 columns`);
  });
  let canonical: string;
  try {
    canonical = formatDatafile(text, kind);
  } catch (e) {
    return [...problems, `does not parse: ${(e as Error).message}`];
  }
  if (canonical !== text + '\n') {
    const want = canonical.split('\n');
    const k = lines.findIndex((l, j) => l !== want[j]);
    problems.push(`not the tb fmt layout at line ${k + 1}: have ${JSON.stringify(lines[k])}, tb fmt writes ${JSON.stringify(want[k])}`);
  }
  // Templated SQL must start with `%` (parse error otherwise).
  for (const s of parseStatements(text)) {
    if (s.kw !== 'sql') continue;
    const body = s.block!.join('\n');
    if (/\{\{|\{%/.test(body) && body.trim()[0] !== '%') problems.push('SQL uses template tags but does not start with %');
  }
  // Use the grammar: no invalid tokens, and SQL/datafile keywords written in upper case.
  const g = await grammar(kind === 'datasource' ? 'source.tinybird-datasource' : 'source.tinybird-pipe');
  for (const l of tokenize(g, text)) {
    for (const t of l.tokens) {
      if (hasScope(t, 'invalid')) problems.push(`invalid token ${JSON.stringify(t.text)}`);
      const isKeyword = ['keyword.other.sql', 'keyword.control.conditional.sql', 'keyword.operator.logical.sql', 'keyword.other.unit.sql']
        .some((p) => hasScope(t, p)) || t.scopes.some((s) => /^keyword\.other\.[a-z-]+\.tinybird$/.test(s) && s !== 'keyword.other.jsonpath.tinybird');
      if (isKeyword && /[a-z]/.test(t.text) && !hasScope(t, 'keyword.other.unit.sql')) problems.push(`lower-case keyword ${JSON.stringify(t.text)} in ${JSON.stringify(l.text)}`);
    }
  }
  return problems;
}

test('the layout model reproduces every corpus file (all are tb fmt fixed points)', () => {
  const files = corpusFiles();
  assert.ok(files.length >= 400);
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    assert.equal(formatDatafile(src, f.endsWith('.datasource') ? 'datasource' : 'pipe'), src, path.basename(f));
  }
});

test('the layout check rejects non-canonical variants', async () => {
  const good = ['NODE n', 'SQL >', '    SELECT a, b', '    FROM t', '', 'TYPE COPY', 'TARGET_DATASOURCE ds', 'COPY_MODE append', 'COPY_SCHEDULE @on-demand'];
  assert.deepEqual(await layoutProblems(good.join('\n'), 'pipe'), []);
  const variants: Record<string, string[]> = {
    'two-space SQL indent': good.map((l) => l.replace(/^ {4}/, '  ')),
    'lower-case keyword': good.map((l) => l.replace('TYPE COPY', 'type COPY')),
    'lower-case SQL keyword': good.map((l) => l.replace('FROM t', 'from t')),
    'blank line inside SQL': [...good.slice(0, 3), '', ...good.slice(3)],
    'schedule before mode': [...good.slice(0, 7), good[8]!, good[7]!],
    'missing blank line after SQL': good.filter((_, i) => i !== 4),
    'unterminated SQL block opener': good.map((l) => l.replace('SQL >', 'SQL>')),
  };
  for (const [name, lines] of Object.entries(variants)) {
    assert.notDeepEqual(await layoutProblems(lines.join('\n'), 'pipe'), [], name);
  }
  const ds = ['SCHEMA >', '    `a` String', '', 'ENGINE MergeTree', 'ENGINE_SORTING_KEY a', 'ENGINE_PARTITION_KEY a'];
  assert.notDeepEqual(await layoutProblems(ds.join('\n'), 'datasource'), [], 'engine arguments must be sorted');
  assert.deepEqual(await layoutProblems([...ds.slice(0, 4), ds[5]!, ds[4]!].join('\n'), 'datasource'), []);
});

test('snippet placeholder expansion', () => {
  assert.equal(expandSnippet(['a ${1:x} ${2|append,replace|} $0 \\$.id ${3:f(${4:y})}']), 'a x append  $.id f(y)');
});

for (const kind of ['datasource', 'pipe'] as const) {
  test(`${kind} snippets expand to canonical tb fmt layout`, async () => {
    const snippets = loadSnippets(kind);
    assert.ok(snippets.length >= 2);
    for (const [name, s] of snippets) {
      assert.ok(s.description, `${name}: description`);
      const text = expandSnippet(s.body);
      assert.deepEqual(await layoutProblems(text, kind), [], name);
    }
  });
}

test('snippet contents follow the requested patterns', () => {
  const ds = new Map(loadSnippets('datasource').map(([n, s]) => [n, expandSnippet(s.body)]));
  const pipe = new Map(loadSnippets('pipe').map(([n, s]) => [n, expandSnippet(s.body)]));
  const all = [...ds.values(), ...pipe.values()];
  // ReplacingMergeTree with ENGINE_VER updatedAt; engine columns exist in the schema.
  const rmt = [...ds.values()].find((t) => /^ENGINE ReplacingMergeTree$/m.test(t) && /^ENGINE_VER updatedAt$/m.test(t));
  assert.ok(rmt, 'ReplacingMergeTree + ENGINE_VER updatedAt snippet');
  for (const text of ds.values()) {
    const cols = new Set([...text.matchAll(/^ {4}`([^`]+)`/gm)].map((m) => m[1]));
    for (const m of text.matchAll(/^ENGINE_(?:VER|SORTING_KEY|PARTITION_KEY|TTL) (.*)$/gm)) {
      const idents = m[1]!.match(/\b[A-Za-z_]\w*\b(?!\()/g) ?? [];
      for (const id of idents) assert.ok(cols.has(id), `${id} in ${m[0]} must be a schema column`);
    }
  }
  // Materialized view and scheduled copy.
  assert.ok(all.some((t) => /^TYPE MATERIALIZED\nDATASOURCE \S+$/m.test(t)), 'materialized view pipe');
  assert.ok(all.some((t) => /^TYPE COPY\nTARGET_DATASOURCE \S+\nCOPY_MODE (append|replace)\nCOPY_SCHEDULE [\d*/]+( [\d*/]+){4}$/m.test(t)), 'scheduled copy pipe');
  // Snapshot pattern (seed 002): MV stamps snapshotId, append-mode hourly merger, serving query on max(snapshotId).
  assert.ok(all.some((t) => /^TYPE MATERIALIZED$/m.test(t) && /toStartOfInterval\(updatedAt, INTERVAL 1 hour\) \+ INTERVAL 1 hour AS snapshotId/.test(t)), 'snapshot MV');
  const merger = [...pipe.values()].find((t) => /UNION ALL/.test(t) && /^COPY_MODE append$/m.test(t));
  assert.ok(merger, 'snapshot merger copy pipe');
  assert.match(merger, /^COPY_SCHEDULE 10 \* \* \* \*$/m);
  assert.ok(all.some((t) => /WHERE snapshotId = \(SELECT max\(snapshotId\) FROM (\w+)\)/.test(t)), 'serving query');
  assert.ok([...ds.values()].some((t) => /^ENGINE_TTL snapshotId \+ toIntervalHour\(6\)$/m.test(t)), 'serving datasource TTL');
  // Endpoint with typed parameters.
  const endpoint = [...pipe.values()].find((t) => /^ {4}%$/m.test(t));
  assert.ok(endpoint, 'templated endpoint');
  assert.match(endpoint, /\{\{ String\(\w+, '[^']*', description="[^"]+", required=False\) \}\}/);
  assert.match(endpoint, /\{\{ DateTime\(\w+, '[^']*', description="[^"]+", required=False\) \}\}/);
  assert.match(endpoint, /\{\{ Int32\(\w+, \d+, description="[^"]+", required=False\) \}\}/);
  assert.match(endpoint, /\{% if defined\(\w+\) %\}[\s\S]*\{% end %\}/);
});
