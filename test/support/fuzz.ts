// The fuzzer's inputs and oracle: datafiles generated from the grammar and byte mutations of corpus
// files, run through the index, every diagnostic rule, symbols, folding and the formatter.
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver';
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
  sql.map((s) => `SQL >\n    %\n    ${s.replace(/\n/g, '\n    ')}`),
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

/** An input: its text, file kind, and whether it comes from the grammar (rather than from byte mutations). */
export const fuzzInput = fc.tuple(
  fc.oneof(generatedDatafile.map((text) => ({ text, fromGrammar: true })), mutatedCorpusFile.map((text) => ({ text, fromGrammar: false }))),
  fc.constantFrom('pipe', 'datasource', 'incl'),
);

/** Runs every handler on one input; throws on an exception, on formatted output the formatter refuses, and on editor
 * formatting (format-on-save) of a grammar-made file without errors that is not a fixed point (byte mutations make
 * shapes, such as a backtick inside a column name, where tb fmt is not a fixed point either). The CLI's tb-exact formatting may drift where tb's does: a
 * templated node sqlfmt cannot format is re-indented on every run, and a `#` comment moved onto a line of its own is
 * deleted by the next run (rule fmt-comment warns); the editor keeps the former as written. */
export function exercise(text: string, ext: string, fromGrammar: boolean): void {
  const index = new WorkspaceIndex();
  const file = `/fuzz/input.${ext}`;
  index.update(file, text);
  const facts = index.get(file);
  let valid = false;
  if (facts) {
    valid = !diagnoseFile(index, facts).some((d) => d.severity === DiagnosticSeverity.Error);
    documentSymbols(facts);
    foldingRanges(facts);
  }
  const once = formatDatafile(text, file);
  if (!once.ok) return;
  const twice = formatDatafile(once.text, file);
  if (!twice.ok) throw new Error(`formatted output is refused: ${twice.error}`);
  const editor = formatDatafile(text, file, { keepUnformattableTemplates: true });
  if (!editor.ok) throw new Error(`the editor formatter refuses what the CLI formats: ${editor.error}`);
  const editorTwice = formatDatafile(editor.text, file, { keepUnformattableTemplates: true });
  if (!editorTwice.ok) throw new Error(`editor-formatted output is refused: ${editorTwice.error}`);
  if (fromGrammar && valid && editorTwice.text !== editor.text && !hasOwnLineHash(editor.text)) throw new Error('editor formatting of a file without errors is not a fixed point');
}

/** Whether a line of `text` starts with `#` (tb fmt deletes such lines on its next run). */
function hasOwnLineHash(text: string): boolean {
  return /^[ \t]*#/m.test(text);
}
