import { dedentBlockTags } from './dedent';
import { lex } from './lexer';
import { mergeLines } from './merge';
import { renderWithComments } from './render';
import { splitLine } from './split';
import { formatTags } from './tags';
import { LINE_LENGTH, SqlLine } from './types';

/** §1.3: lex, split, format tags, dedent block tags, merge and render. */
function sqlfmt(source: string, lineLength: number): string {
  const split: SqlLine[] = [];
  for (const line of lex(source)) splitLine(line, split);
  const tagged = formatTags(split, lineLength);
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
 * §1.2: the SQL-level driver. `text` is the extracted node SQL (§1.1 already applied by the caller).
 * Returns the formatted SQL before the datafile stage (§1.4); on any internal error returns strip(text).
 */
export function formatSqlTemplate(text: string, lineLength: number = LINE_LENGTH): string {
  return formatSqlTemplateDetailed(text, lineLength).text;
}
