import { dedentBlockTags } from './dedent';
import { lex } from './lexer';
import { mergeLines } from './merge';
import { renderWithComments } from './render';
import { splitLine } from './split';
import { formatTags } from './tags';
import { LINE_LENGTH, SqlLine } from './types';

/** The stages where sqlfmt gives up (by throwing): the later ones do not fail (black's failures inside tags are caught). */
function lexAndSplit(source: string): SqlLine[] {
  const split: SqlLine[] = [];
  for (const line of lex(source)) splitLine(line, split);
  return split;
}

/** §1.3: lex, split, format tags, dedent block tags, merge and render. */
function sqlfmt(source: string, lineLength: number): string {
  const tagged = formatTags(lexAndSplit(source), lineLength);
  dedentBlockTags(tagged);
  let out = '';
  for (const line of mergeLines(tagged, lineLength)) out += renderWithComments(line, lineLength);
  return out;
}

/** Same as formatSqlTemplate, but reports whether the fallback was taken and why. */
export function formatSqlTemplateDetailed(text: string, lineLength: number = LINE_LENGTH): { text: string; fallback?: string } {
  const s = text.trim();
  try {
    if (s === '') throw new Error('empty SQL');
    if (s.startsWith('%')) return { text: `%\n${sqlfmt(s.slice(1), lineLength).trim()}` };
    return { text: sqlfmt(s, lineLength).trim() };
  } catch (e) {
    return { text: s, fallback: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The fallback reason formatSqlTemplateDetailed would report for `text`, without formatting it (only
 * the stages that can fail run): a fraction of the cost, for rules that only need the verdict.
 */
export function sqlfmtFailure(text: string): string | undefined {
  const s = text.trim();
  try {
    if (s === '') throw new Error('empty SQL');
    lexAndSplit(s.startsWith('%') ? s.slice(1) : s);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * §1.2: the SQL-level driver. `text` is the extracted node SQL (§1.1 already applied by the caller).
 * Returns the formatted SQL before the datafile stage (§1.4); on any internal error returns strip(text).
 */
export function formatSqlTemplate(text: string, lineLength: number = LINE_LENGTH): string {
  return formatSqlTemplateDetailed(text, lineLength).text;
}
