// Template tags of a SQL node (`{{ }}`, `{% %}`, `{# #}`), with ranges and block matching, following
// the Tornado-derived template language tb uses.
import { FORBIDDEN_TEMPLATE_TAGS } from '../catalog/template';
import type { Span } from './ast';

export type TagKind = 'expression' | 'statement' | 'comment';

export interface TemplateTag extends Span {
  kind: TagKind;
  /** Inner text, stripped. */
  content: string;
  contentSpan: Span;
  /** First word of a statement (`if`, `end`, `set`, …). */
  operator?: string;
}

export interface TemplateBlock {
  open: TemplateTag;
  /** `elif`/`else`/`except`/`finally` tags of this block. */
  branches: TemplateTag[];
  close?: TemplateTag;
  children: TemplateBlock[];
}

export interface TemplateProblem extends Span {
  code: 'template-syntax' | 'template-unclosed' | 'template-extra-end' | 'template-forbidden' | 'template-unknown';
  message: string;
}

export interface TemplateScan {
  tags: TemplateTag[];
  blocks: TemplateBlock[];
  problems: TemplateProblem[];
}

const BLOCK_OPENERS = new Set(['if', 'for', 'while', 'try']);
const INTERMEDIATE: Record<string, string[]> = {
  else: ['if', 'for', 'while', 'try'],
  elif: ['if'],
  except: ['try'],
  finally: ['try'],
};
const SINGLE = new Set(['set', 'comment', 'whitespace', 'break', 'continue']);
const FORBIDDEN_TAGS = new Set(FORBIDDEN_TEMPLATE_TAGS.map((t) => t.name));

const CLOSERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };
const KINDS: Record<string, TagKind> = { '{{': 'expression', '{%': 'statement', '{#': 'comment' };

/** Scans template tags in `text` (offsets are offsets in `text`). */
export function scanTemplate(text: string): TemplateScan {
  const tags: TemplateTag[] = [];
  const problems: TemplateProblem[] = [];
  const roots: TemplateBlock[] = [];
  const stack: TemplateBlock[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('{', i);
    if (open < 0 || open === text.length - 1) break;
    const pair = text.slice(open, open + 2);
    const closer = CLOSERS[pair];
    if (!closer) {
      i = open + 1;
      continue;
    }
    // `{{!`, `{%!`, `{#!` produce the literal opener.
    if (text[open + 2] === '!') {
      i = open + 3;
      continue;
    }
    const close = text.indexOf(closer, open + 2);
    if (close < 0) {
      problems.push({
        code: 'template-syntax',
        message: pair === '{{' ? 'Missing end expression }}' : pair === '{%' ? 'Missing end block %}' : 'Missing end comment #}',
        start: open,
        end: text.length,
      });
      break;
    }
    const raw = text.slice(open + 2, close);
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    const tag: TemplateTag = {
      kind: KINDS[pair],
      content,
      contentSpan: { start: open + 2 + lead, end: open + 2 + lead + content.length },
      start: open,
      end: close + 2,
    };
    tags.push(tag);
    i = close + 2;
    if (tag.kind === 'expression' && !content) problems.push({ code: 'template-syntax', message: 'Empty expression', start: tag.start, end: tag.end });
    if (tag.kind !== 'statement') continue;
    if (!content) {
      problems.push({ code: 'template-syntax', message: 'Empty block tag ({% %})', start: tag.start, end: tag.end });
      continue;
    }
    const operator = /^\S+/.exec(content)![0];
    tag.operator = operator;
    const top = stack[stack.length - 1];
    if (operator === 'end') {
      if (!top) problems.push({ code: 'template-extra-end', message: 'Extra {% end %} block', start: tag.start, end: tag.end });
      else {
        top.close = tag;
        stack.pop();
      }
    } else if (operator in INTERMEDIATE) {
      const allowed = INTERMEDIATE[operator];
      if (!top || !allowed.includes(top.open.operator!)) {
        problems.push({ code: 'template-syntax', message: `${operator} outside ${allowed.join('/')} block`, start: tag.start, end: tag.end });
      } else top.branches.push(tag);
    } else if (BLOCK_OPENERS.has(operator)) {
      const block: TemplateBlock = { open: tag, branches: [], children: [] };
      (top ? top.children : roots).push(block);
      stack.push(block);
    } else if (FORBIDDEN_TAGS.has(operator)) {
      problems.push({ code: 'template-forbidden', message: `{% ${operator} %} is not allowed in Tinybird templates`, start: tag.start, end: tag.end });
    } else if (!SINGLE.has(operator)) {
      problems.push({ code: 'template-unknown', message: `unknown operator: '${operator}'`, start: tag.start, end: tag.end });
    }
  }
  for (const block of stack) {
    problems.push({
      code: 'template-unclosed',
      message: `Missing {%end%} block for '${block.open.operator}'`,
      start: block.open.start,
      end: block.open.end,
    });
  }
  return { tags, blocks: roots, problems };
}
