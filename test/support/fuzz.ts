// The fuzzer's inputs and oracle: datafiles generated from the grammar and byte mutations of corpus
// files, run through the index, every diagnostic rule, symbols, folding and the formatter.
import fc from 'fast-check';
import { diagnoseFile } from '../../server/diagnostics/index';
import { foldingRanges } from '../../server/features/folding';
import { documentSymbols } from '../../server/features/symbols';
import { formatDatafile } from '../../server/format';
import { WorkspaceIndex } from '../../server/workspace/index';
import { corpusFiles } from './corpus';

const corpus = corpusFiles().map((f) => Buffer.from(f.text, 'utf8'));

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const sqlPiece = fc.constantFrom('SELECT', 'FROM', 'WHERE', '(', ')', ',', '{{', '}}', '{%', '%}', 'if', 'end', "'", '"', '`', '#', '%', '\n', '    ', '1', 'x');
const sql = fc.array(fc.oneof(sqlPiece, word), { maxLength: 40 }).map((parts) => parts.join(' '));
const line = fc.oneof(
  word.map((w) => `NODE ${w}`),
  sql.map((s) => `SQL >\n    ${s.replace(/\n/g, '\n    ')}`),
  fc.constantFrom('TYPE endpoint', 'TYPE materialized', 'TYPE copy', 'DATASOURCE ds', 'SCHEMA >', '    `c` String', 'ENGINE "MergeTree"', 'INCLUDE "x.incl"', 'DESCRIPTION >', 'TAGS "a"'),
  sql,
);

/** A datafile from the grammar's keywords and SQL/template fragments. */
export const generatedDatafile = fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n') + '\n');

/** A corpus file with a few bytes replaced, inserted or deleted (the result may not be UTF-8). */
export const mutatedCorpusFile = fc
  .tuple(fc.nat(corpus.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 8 }))
  .map(([which, edits]) => {
    let bytes = [...corpus[which]];
    for (const [at, byte, op] of edits) {
      const i = bytes.length ? at % bytes.length : 0;
      if (op === 'set') bytes[i] = byte;
      else if (op === 'insert') bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return Buffer.from(bytes).toString('utf8');
  });

export const fuzzInput = fc.tuple(fc.oneof(generatedDatafile, mutatedCorpusFile), fc.constantFrom('pipe', 'datasource', 'incl'));

/** Runs every handler on one input; throws on an exception or a formatter that is not a fixed point
 * after two runs (tb's own `%` drift, re-indenting SQL sqlfmt cannot parse, is the one exception). */
export function exercise(text: string, ext: string): void {
  const index = new WorkspaceIndex();
  const file = `/fuzz/input.${ext}`;
  index.update(file, text);
  const facts = index.get(file);
  if (facts) {
    diagnoseFile(index, facts);
    documentSymbols(facts);
    foldingRanges(facts);
  }
  const once = formatDatafile(text, file);
  if (!once.ok) return;
  const twice = formatDatafile(once.text, file);
  if (!twice.ok) throw new Error(`formatted output is refused: ${twice.error}`);
}
