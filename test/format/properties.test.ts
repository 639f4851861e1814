// Properties of the formatter: idempotence, and that only documented normalisations change the
// text (whitespace, comments, keyword case, section order, quoting), on the corpus and on
// generated datafiles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatDatafile } from '../../server/format';
import { corpusFiles } from './testData';

const ENV = {};

function format(text: string, file: string): string {
  const result = formatDatafile(text, file, { env: ENV });
  if (!result.ok) throw new Error(`refused ${file}: ${result.error}`);
  return result.text;
}

/** Non-whitespace words with quotes, backticks and commas removed, sorted (sections may move). */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/["'`,]/g, ''))
    .filter((w) => w)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Corpus: mangling a fixed point in ways tb ignores must give the fixed point back.

interface Mangling {
  crlf: boolean;
  dropFinalNewline: boolean;
  lowerKeywords: boolean;
  blockIndent: string;
  /** Line indexes before which a blank or `#` comment line is inserted. */
  noise: { at: number; line: string }[];
}

const KEYWORD_LINE = /^[A-Z_]+(?= |$)/;

function mangle(text: string, m: Mangling): string {
  const lines = text.replace(/\n$/, '').split('\n');
  let inSql = false;
  const out = lines.map((line) => {
    if (!/^\s/.test(line)) inSql = /^SQL >/.test(line);
    if (m.lowerKeywords && KEYWORD_LINE.test(line)) return line.replace(KEYWORD_LINE, (k) => k.toLowerCase());
    if (!inSql && line.startsWith('    ')) return m.blockIndent + line.slice(4);
    return line;
  });
  for (const { at, line } of [...m.noise].sort((a, b) => b.at - a.at)) out.splice(Math.min(at, out.length), 0, line);
  const joined = out.join(m.crlf ? '\r\n' : '\n') + (m.dropFinalNewline ? '' : m.crlf ? '\r\n' : '\n');
  return joined;
}

const mangling: fc.Arbitrary<Mangling> = fc.record({
  crlf: fc.boolean(),
  dropFinalNewline: fc.boolean(),
  lowerKeywords: fc.boolean(),
  blockIndent: fc.constantFrom('    ', '  ', '\t', '        '),
  noise: fc.array(fc.record({ at: fc.nat(400), line: fc.constantFrom('', '   ', '# a comment', '    # indented comment', '\t') }), {
    maxLength: 6,
  }),
});

test('corpus: formatting is idempotent and ignores whitespace, comments and keyword case', () => {
  const files = corpusFiles();
  fc.assert(
    fc.property(fc.nat(files.length - 1), mangling, (index, m) => {
      const { file, text } = files[index];
      const formatted = format(mangle(text, m), file);
      assert.equal(formatted, text, `${file} mangled with ${JSON.stringify(m)}`);
      assert.equal(format(formatted, file), formatted);
    }),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------------------------
// Generated datafiles: a model rendered canonically and messily must format the same, and the
// output keeps every word of the canonical text.

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const SQLS = [
  ['SELECT a, b', 'FROM events', 'WHERE a > 1'],
  ['SELECT count() AS c FROM t GROUP BY x ORDER BY c DESC LIMIT 10'],
  ['SELECT', '  toDate(ts) AS day,', '  uniq(user_id) AS users', 'FROM events', 'GROUP BY day'],
  ['WITH x AS (SELECT 1 AS one)', 'SELECT one FROM x'],
  ['SELECT id FROM users WHERE id IN (SELECT id FROM admins) AND active = 1'],
];

interface Section {
  /** Canonical lines (upper-case keyword first). */
  lines: string[];
  /** True for `KEYWORD >` blocks: the other lines are its content. */
  block: boolean;
}

const description = fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }).map(
  (ls): Section => ({ block: true, lines: ['DESCRIPTION >', ...ls.map((l) => l.join(' '))] }),
);
const tokens = fc.uniqueArray(word, { minLength: 1, maxLength: 2 }).map((ns): Section[] =>
  ns.map((n) => ({ block: false, lines: [`TOKEN "${n}" READ`] })),
);
const tags = fc.uniqueArray(word, { minLength: 1, maxLength: 3 }).map((ts): Section => ({ block: false, lines: [`TAGS "${ts.join(', ')}"`] }));
const columns = fc.uniqueArray(word, { minLength: 1, maxLength: 5 }).chain((names) =>
  fc.tuple(...names.map((n) => fc.constantFrom(`\`${n}\` String`, `\`${n}\` DateTime \`json:$.${n}\``, `\`${n}\` Nullable(Int32)`, `\`${n}\` UInt8 DEFAULT 0`))),
);
const schema = columns.map((cs): Section => ({ block: true, lines: ['SCHEMA >', ...cs.map((c, i) => (i < cs.length - 1 ? `${c},` : c))] }));
const engine = fc
  .record({ type: fc.constantFrom('MergeTree', 'ReplacingMergeTree'), key: word, other: word })
  .map(({ type, key, other }): Section[] => [
    { block: false, lines: [`ENGINE ${type}`] },
    { block: false, lines: [`ENGINE_SORTING_KEY ${key}, ${other}`] },
    { block: false, lines: [`ENGINE_PARTITION_KEY toYYYYMM(${key})`] },
  ]);

const datasourceModel = fc
  .record({
    description: fc.option(description, { nil: undefined }),
    tokens: fc.option(tokens, { nil: undefined }),
    tags: fc.option(tags, { nil: undefined }),
    schema,
    engine: fc.option(engine, { nil: undefined }),
  })
  .map((m) => [m.description, ...(m.tokens ?? []), m.tags, m.schema, ...(m.engine ?? [])].filter((s): s is Section => !!s));

const node = fc
  .record({
    name: word,
    description: fc.option(description, { nil: undefined }),
    sql: fc.constantFrom(...SQLS),
    type: fc.constantFrom<string[]>([], ['TYPE MATERIALIZED', 'DATASOURCE target_ds'], ['TYPE COPY', 'TARGET_DATASOURCE copy_ds', 'COPY_MODE append', 'COPY_SCHEDULE @on-demand']),
  })
  .map((n): Section[] => [
    { block: false, lines: [`NODE ${n.name}`] },
    ...(n.description ? [n.description] : []),
    { block: true, lines: ['SQL >', ...n.sql] },
    ...n.type.map((l): Section => ({ block: false, lines: [l] })),
  ]);

const pipeModel = fc
  .record({
    description: fc.option(description, { nil: undefined }),
    tokens: fc.option(tokens, { nil: undefined }),
    nodes: fc.uniqueArray(node, { minLength: 1, maxLength: 3, selector: (n) => n[0].lines[0] }),
  })
  .map((m) => ({ head: [m.description, ...(m.tokens ?? [])].filter((s): s is Section => !!s), nodes: m.nodes.flat() }));

interface Style {
  lowerKeywords: boolean;
  indent: string;
  crlf: boolean;
  noise: boolean;
  shuffleSeed: number;
}

const style: fc.Arbitrary<Style> = fc.record({
  lowerKeywords: fc.boolean(),
  indent: fc.constantFrom('    ', '  ', '\t', '      '),
  crlf: fc.boolean(),
  noise: fc.boolean(),
  shuffleSeed: fc.nat(1000),
});

function render(sections: Section[], s: Style): string {
  const out: string[] = [];
  for (const section of sections) {
    const [head, ...body] = section.lines;
    out.push(s.lowerKeywords ? head.replace(/^[A-Z_]+/, (k) => k.toLowerCase()) : head);
    for (const line of body) {
      if (s.noise) out.push('# noise');
      out.push(s.indent + line);
    }
    if (s.noise) out.push('', '# between sections');
  }
  return out.join(s.crlf ? '\r\n' : '\n') + '\n';
}

/**
 * A deterministic permutation of the sections: kinds move freely, but repeated keywords (TOKEN, …)
 * keep their relative order, which tb keeps.
 */
function shuffle(sections: Section[], seed: number): Section[] {
  const byKeyword = new Map<string, Section[]>();
  for (const section of sections) {
    const keyword = section.lines[0].split(' ')[0];
    byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), section]);
  }
  const copy = [...byKeyword.values()];
  let x = seed + 1;
  for (let i = copy.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.flat();
}

const CANONICAL: Style = { lowerKeywords: false, indent: '    ', crlf: false, noise: false, shuffleSeed: 0 };

test('generated datasources: same output whatever the layout, idempotent, words kept', () => {
  fc.assert(
    fc.property(datasourceModel, style, (sections, s) => {
      const canonical = render(sections, CANONICAL);
      const expected = format(canonical, 'gen.datasource');
      assert.equal(format(render(shuffle(sections, s.shuffleSeed), s), 'gen.datasource'), expected);
      assert.equal(format(expected, 'gen.datasource'), expected);
      assert.deepEqual(words(expected), words(canonical));
    }),
    { numRuns: 300 },
  );
});

test('generated pipes: same output whatever the layout, idempotent, words kept', () => {
  fc.assert(
    fc.property(pipeModel, style, ({ head, nodes }, s) => {
      const canonical = render([...head, ...nodes], CANONICAL);
      const expected = format(canonical, 'gen.pipe');
      assert.equal(format(render([...shuffle(head, s.shuffleSeed), ...nodes], s), 'gen.pipe'), expected);
      assert.equal(format(expected, 'gen.pipe'), expected);
      assert.deepEqual(words(expected), words(canonical));
    }),
    { numRuns: 300 },
  );
});
