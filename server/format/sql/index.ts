import { dedentBlockTags } from './dedent';
import { lex } from './lexer';
import { mergeLines } from './merge';
import { renderWithComments } from './render';
import { RECURSION_LIMIT_MESSAGE, splitLine } from './split';
import { formatTags } from './tags';
import { LINE_LENGTH, Memo, SqlLine } from './types';

/** §1.3 up to the last stage that can give up: lex, split, format tags, dedent block tags and merge. */
function mergedLines(source: string, lineLength: number, memo?: Memo): SqlLine[] {
  const split: SqlLine[] = [];
  const { lines, cuts } = lex(source);
  for (let i = 0; i < lines.length; i++) splitLine(lines[i], cuts[i], split);
  const tagged = formatTags(split, lineLength, memo);
  dedentBlockTags(tagged);
  return mergeLines(tagged, lineLength);
}

/**
 * Why the SQL falls back. JavaScript's stack overflows only far deeper than CPython's recursion limit
 * (the lexer recurses once per nested block tag, as sqlfmt does), so sqlfmt would have given up too.
 */
function fallbackReason(e: unknown): string {
  if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') return RECURSION_LIMIT_MESSAGE;
  return e instanceof Error ? e.message : String(e);
}

/** §1.3: the merged lines, rendered. */
function sqlfmt(source: string, lineLength: number, memo: Memo | undefined): string {
  let out = '';
  for (const line of mergedLines(source, lineLength, memo)) out += renderWithComments(line, lineLength);
  return out;
}

/** Same as formatSqlTemplate, but reports whether the fallback was taken and why. */
export function formatSqlTemplateDetailed(text: string, lineLength: number = LINE_LENGTH, memo?: Memo): { text: string; fallback?: string } {
  const s = text.trim();
  try {
    if (s === '') throw new Error('empty SQL');
    if (s.startsWith('%')) return { text: `%\n${sqlfmt(s.slice(1), lineLength, memo).trim()}` };
    return { text: sqlfmt(s, lineLength, memo).trim() };
  } catch (e) {
    return { text: s, fallback: fallbackReason(e) };
  }
}

/**
 * The fallback reason formatSqlTemplateDetailed would report for `text`, without rendering the lines
 * (every stage that can give up runs), for rules that only need the verdict.
 */
export function sqlfmtFailure(text: string, memo?: Memo): string | undefined {
  const s = text.trim();
  try {
    if (s === '') throw new Error('empty SQL');
    mergedLines(s.startsWith('%') ? s.slice(1) : s, LINE_LENGTH, memo);
    return undefined;
  } catch (e) {
    return fallbackReason(e);
  }
}

/**
 * §1.2: the SQL-level driver. `text` is the extracted node SQL (§1.1 already applied by the caller).
 * Returns the formatted SQL before the datafile stage (§1.4); on any internal error returns strip(text).
 */
export function formatSqlTemplate(text: string, lineLength: number = LINE_LENGTH): string {
  return formatSqlTemplateDetailed(text, lineLength).text;
}
