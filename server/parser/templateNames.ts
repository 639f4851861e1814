// The names template code uses: each free identifier in `{{ }}` and `{% %}` (a parameter, unless a
// `{% set %}`/`{% for %}` binds it), the names those tags bind, and the string literals they hold (a
// string can name a column or a parameter dynamically, which no rename can follow).
import type { Span } from './ast';
import { scanTemplate } from './template';

export interface TemplateNames {
  /** Free names: not called, not an attribute, not a keyword argument, not a Python keyword. */
  uses: { name: string; span: Span }[];
  /** Names bound by `{% set name = … %}` and `{% for name[, name] in … %}`. */
  bound: Set<string>;
  /** The contents of string literals in template code. */
  strings: string[];
}

const PYTHON_WORDS = new Set([
  'if', 'elif', 'else', 'end', 'for', 'in', 'not', 'and', 'or', 'is', 'while', 'set', 'try', 'except', 'finally', 'break',
  'continue', 'True', 'False', 'None', 'lambda', 'return', 'comment', 'whitespace', 'raw',
]);

const TOKEN = /(['"])((?:\\.|(?!\1).)*)\1|\d[\w.]*|[A-Za-z_]\w*|\S/gs;

/** Template names of a SQL text; spans are offsets in that text. */
export function templateNames(sql: string): TemplateNames {
  const out: TemplateNames = { uses: [], bound: new Set(), strings: [] };
  for (const tag of scanTemplate(sql).tags) {
    if (tag.kind === 'comment') continue;
    const content = sql.slice(tag.contentSpan.start, tag.contentSpan.end);
    const binding = /^(?:set\s+([A-Za-z_]\w*)\s*=(?!=)|for\s+([A-Za-z_][\w\s,]*?)\s+in\b)/.exec(tag.kind === 'statement' ? content : '');
    if (binding) for (const name of (binding[1] ?? binding[2]).split(',')) out.bound.add(name.trim());
    const tokens = [...content.matchAll(TOKEN)];
    tokens.forEach((m, k) => {
      if (m[1]) return void out.strings.push(m[2]);
      const word = m[0];
      if (!/^[A-Za-z_]/.test(word) || PYTHON_WORDS.has(word)) return;
      const prev = tokens[k - 1]?.[0];
      const next = tokens[k + 1]?.[0];
      const keywordArgument = next === '=' && tokens[k + 2]?.[0] !== '=';
      if (prev === '.' || next === '(' || keywordArgument) return;
      const start = tag.contentSpan.start + m.index!;
      out.uses.push({ name: word, span: { start, end: start + word.length } });
    });
  }
  return out;
}
