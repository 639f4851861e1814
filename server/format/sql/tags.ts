import { formatPythonCode } from './black/blackFormat';
import { isTag, sqlDepth, tagDepth } from './nodes';
import { cpLength, lineIndent } from './lines';
import { cutLine } from './split';
import { INDENT, Memo, SqlLine, SqlNode } from './types';

const VERB = /^\s*(set|do|for|if|elif|else|test|macro)\s+/iu;

interface TagParts {
  open: string;
  close: string;
  verb: string;
  code: string;
}

/** §6.1: open, close, verb (with its trailing space) and code of a tag. */
function tagParts(text: string): TagParts {
  const open = text.slice(0, text[2] === '-' ? 3 : 2);
  const close = text.slice(text.length - (text[text.length - 3] === '-' ? 3 : 2));
  let inner = text.slice(open.length, text.length - close.length);
  let verb = '';
  const m = VERB.exec(inner);
  if (m) {
    verb = m[1].toLowerCase();
    inner = inner.slice(m[0].length);
  }
  const code = inner.trim();
  if (verb && code) verb += ' ';
  return { open, close, verb, code };
}

/** Formats one tag node given its room; returns true when it became multi-line via black. */
function formatTag(node: SqlNode, room: number, memo: Memo | undefined): boolean {
  const { open, close, verb, code } = tagParts(node.value);
  const budget = room - cpLength(open) - cpLength(verb) - cpLength(close) - 2;
  const black = (): string | null => formatPythonCode(code, budget);
  const formatted = !code ? null : memo ? memo.get(`black ${budget}`, code, black) : black();
  const result = formatted ?? code;
  if (!result.includes('\n')) {
    node.value = `${open} ${verb}${result} ${close}`;
    return false;
  }
  const indent = INDENT.repeat(sqlDepth(node) + tagDepth(node));
  let body = result;
  if (open.startsWith('{%')) {
    body = result.split('\n').map((l, i) => (i === 0 ? l : indent + l)).join('\n');
    if (verb) {
      node.value = `${open} ${verb}${body} ${close}`;
      return formatted !== null;
    }
  }
  if (formatted === null) return false;
  const lines = body.split('\n').map((l) => `${indent}${INDENT}${l}`);
  node.value = `${open}\n${lines.join('\n')}\n${indent}${close}`;
  return true;
}

/** §6.2–§6.5 for one split line; re-split pieces are processed again. */
function formatLineTags(line: SqlLine, out: SqlLine[], ll: number, memo: Memo | undefined): void {
  let run = INDENT.length * lineIndent(line);
  for (let i = 0; i < line.nodes.length; i++) {
    const node = line.nodes[i];
    if (isTag(node) && !node.disabled) {
      const multiline = formatTag(node, ll - run, memo);
      if (multiline && i > 0) {
        const [head, tail] = cutLine(line, i);
        formatLineTags(head, out, ll, memo);
        formatLineTags(tail, out, ll, memo);
        return;
      }
    }
    run += cpLength(node.value) + (i === 0 ? 0 : node.space.length);
  }
  out.push(line);
}

/** §6: formats the template tags of every split line. */
export function formatTags(lines: SqlLine[], ll: number, memo?: Memo): SqlLine[] {
  const out: SqlLine[] = [];
  for (const line of lines) formatLineTags(line, out, ll, memo);
  return out;
}
