import { TAG, TAG_SEARCH, jinjaBlockEndSearch, rulesAt, type MainRule } from './lexerRules';
import { closesTagBlockFromPreviousLine } from './lines';
import { createNode } from './nodes';
import { isCutPoint, MAX_PIECES_PER_SOURCE_LINE, RECURSION_LIMIT_MESSAGE } from './split';
import { Stack } from './stack';
import { SqlComment, SqlLine, SqlNode, SqlfmtError, TokenKind } from './types';

const HWS = /[^\S\n]*/uy;

interface Match {
  index: number;
  prefix: string;
  text: string;
  end: number;
}

/** End of the `HWS` prefix at `pos`. */
function prefixEnd(src: string, pos: number): number {
  HWS.lastIndex = pos;
  HWS.test(src);
  return HWS.lastIndex;
}

const ASCII_WORD = /[A-Za-z0-9_]*/y;

/** End of the ASCII run of word characters at `pos`, or -1 when a non-ASCII character follows it. */
function asciiWordEnd(src: string, pos: number): number {
  ASCII_WORD.lastIndex = pos;
  ASCII_WORD.test(src);
  const end = ASCII_WORD.lastIndex;
  return src.charCodeAt(end) >= 128 ? -1 : end;
}

/**
 * End of a main rule's match at `start` (after the prefix), or -1; `word` is the lower-case ASCII word
 * there, if any. `test` leaves a sticky regex's lastIndex at the match's end without building a match.
 */
function matchRule(rule: MainRule, src: string, start: number, word: string | undefined): number {
  if (rule.oneChar) return start + 1;
  if (word !== undefined) {
    if (rule.words && !rule.words.has(word)) return -1;
    if (rule.wholeWord) return start + word.length;
  }
  rule.regex.lastIndex = start;
  return rule.regex.test(src) ? rule.regex.lastIndex : -1;
}

function execAt(regex: RegExp, src: string, pos: number): Match | null {
  regex.lastIndex = pos;
  const m = regex.exec(src);
  if (!m) return null;
  return { index: m.index, prefix: m[1], text: m[2], end: m.index + m[0].length };
}

const HWS_CHAR = /\s/u;
const isHorizontalSpace = (c: number): boolean => c === 32 || c === 9 || (c !== 10 && HWS_CHAR.test(String.fromCharCode(c)));

/**
 * The first match at or after `from` of a block tag (`blockTag` in lexerRules), with the whitespace
 * before it (from `from` on) as its prefix, as an unanchored search of `HWS` + the tag would find it.
 */
function findTag(tag: RegExp, src: string, from: number): Match | null {
  for (let at = src.indexOf('{%', from); at >= 0; at = src.indexOf('{%', at + 1)) {
    tag.lastIndex = at;
    if (!tag.test(src)) continue;
    let index = at;
    while (index > from && isHorizontalSpace(src.charCodeAt(index - 1))) index--;
    return { index, prefix: src.slice(index, at), text: src.slice(at, tag.lastIndex), end: tag.lastIndex };
  }
  return null;
}

type BlockSearch = { regex: RegExp; role: 'start' | 'end' | 'keyword' };

/** Lexes SQL source into lines of nodes with their comments (§2–§4). */
class Lexer {
  private pos = 0;
  private prev: SqlNode | null = null;
  private nodeBuf: SqlNode[] = [];
  /** Last result of each block-tag search, so that long templates are not re-scanned (§2.5). */
  private readonly searchCache = new Map<RegExp, { from: number; match: Match | null }>();
  private commentBuf: SqlComment[] = [];
  private prevLineNode: SqlNode | null = null;
  /**
   * Cut points (§5) of the current line, each the index of a node the line is cut before: splitLine
   * cuts there, and the lexer gives up as soon as it would.
   */
  private cutBuf: number[] = [];
  /** Whether something after the give-up point could still disable the line (then splitLine decides). */
  private mayDisableLater = false;
  readonly lines: SqlLine[] = [];
  /** The cut points of each of `lines`. */
  readonly cuts: number[][] = [];

  constructor(private readonly src: string) {}

  run(): LexedSql {
    // trimEnd strips exactly what `\s` matches
    this.lexUntil(this.src.trimEnd().length);
    // Comments left at the end get a final line whose newline continues from the last line's node, so
    // the line sits at that node's depth and joins its clause: `FROM t⏎-- note` keeps the note with FROM.
    if (this.nodeBuf.length) this.pushNode('NEWLINE', '', '');
    else if (this.commentBuf.length) this.pushNode('NEWLINE', '', '', this.prevLineNode);
    if (this.nodeBuf.length) this.flushLine();
    this.resetTrailingBlockClosers();
    return { lines: this.lines, cuts: this.cuts };
  }

  private lexUntil(end: number): void {
    while (this.pos < end) this.lexOne();
  }

  private pushNode(kind: TokenKind, prefix: string, text: string, prev: SqlNode | null = this.prev): SqlNode {
    const node = createNode(kind, prefix, text, prev);
    const before = this.nodeBuf[this.nodeBuf.length - 1];
    if (before && kind !== 'NEWLINE' && isCutPoint(before, node)) {
      this.cutBuf.push(this.nodeBuf.length);
      if (this.cutBuf.length >= MAX_PIECES_PER_SOURCE_LINE) this.giveUpEarly(node);
    }
    this.nodeBuf.push(node);
    this.prev = node;
    return node;
  }

  private flushLine(): void {
    this.lines.push({ nodes: this.nodeBuf, comments: this.commentBuf, prevNode: this.prevLineNode });
    this.prevLineNode = this.nodeBuf.length ? this.nodeBuf[this.nodeBuf.length - 1] : this.prevLineNode;
    this.nodeBuf = [];
    this.commentBuf = [];
    this.cuts.push(this.cutBuf);
    this.cutBuf = [];
  }

  /**
   * splitLine will abort on this line unless it ends up disabled: it is not disabled so far, and only
   * a later FMT_OFF (`fmt: off`) or DATA (`{% set %}`) node could disable it. Abort now when the rest
   * of the source holds neither, before the rest of a huge line is built.
   */
  private giveUpEarly(node: SqlNode): void {
    if (this.mayDisableLater || this.nodeBuf[0].disabled || node.disabled) return;
    const rest = this.src.slice(this.pos);
    this.mayDisableLater = rest.includes('{%') || /fmt/iu.test(rest);
    if (!this.mayDisableLater) throw new SqlfmtError(RECURSION_LIMIT_MESSAGE);
  }

  private addComment(text: string): void {
    this.commentBuf.push({ text, standalone: this.nodeBuf.length === 0 || text.includes('\n') });
  }

  private lexOne(): void {
    const src = this.src;
    const pos = this.pos;
    const start = prefixEnd(src, pos);
    const wordEnd = asciiWordEnd(src, start);
    const word = wordEnd > start ? src.slice(start, wordEnd).toLowerCase() : undefined;
    const rules = rulesAt(src, start);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      const end = matchRule(rule, src, start, word);
      if (end < 0) continue;
      const prefix = src.slice(pos, start);
      const action = rule.action;
      switch (action.type) {
        case 'node':
          this.pushNode(action.kind, prefix, src.slice(start, end));
          this.pos = end;
          return;
        case 'setOperator': {
          const text = src.slice(start, end);
          const kind = /^except/iu.test(text) && this.prev?.kind === 'STAR' ? 'WORD_OPERATOR' : 'SET_OPERATOR';
          this.pushNode(kind, prefix, text);
          this.pos = end;
          return;
        }
        case 'comment':
          this.addComment(src.slice(start, end));
          this.pos = end;
          return;
        case 'nestedComment':
          this.lexNestedComment(start, end);
          return;
        case 'newline':
          if (this.nodeBuf.length || !this.commentBuf.length) {
            this.pushNode('NEWLINE', prefix, src.slice(start, end));
            this.flushLine();
          }
          this.pos = end;
          return;
        case 'tag':
          this.lexTag(pos, prefix);
          return;
        case 'error':
          throw new SqlfmtError(`unexpected ${src.slice(start, end)} at ${pos}`);
      }
    }
    throw new SqlfmtError(`cannot lex at position ${this.pos}`);
  }

  /** A block comment from `start` whose opening `/*` ends at `from`, up to its matching close. */
  private lexNestedComment(start: number, from: number): void {
    const re = /\/\*|\*\//g;
    re.lastIndex = from;
    let depth = 1;
    let r: RegExpExecArray | null;
    while ((r = re.exec(this.src))) {
      depth += r[0] === '/*' ? 1 : -1;
      if (depth === 0) {
        const end = r.index + 2;
        this.addComment(this.src.slice(start, end));
        this.pos = end;
        return;
      }
    }
    throw new SqlfmtError('unterminated block comment');
  }

  /** Tag sub-lexer: exactly one tag at `start` (§2.5). */
  private lexTag(start: number, prefix: string): void {
    const src = this.src;
    const at = (re: RegExp): Match | null => execAt(re, src, start);
    let m: Match | null;
    if (src.startsWith('{#', start + prefix.length) && (m = at(TAG.comment))) {
      this.addComment(m.text);
      this.pos = m.end;
    } else if (src.startsWith('{{', start + prefix.length)) {
      this.lexPlainTag(start, prefix);
    } else if ((m = at(TAG.setBlock))) {
      const endSet = findTag(TAG.endSet, src, m.end);
      if (!endSet) throw new SqlfmtError('unterminated set block');
      this.pushNode('DATA', m.prefix, src.slice(m.index + m.prefix.length, endSet.end));
      this.pos = endSet.end;
    } else if ((m = at(TAG.ifStart))) {
      this.lexBlock(m, [
        { regex: TAG_SEARCH.ifStart, role: 'start' },
        { regex: TAG_SEARCH.end, role: 'end' },
        { regex: TAG_SEARCH.elif, role: 'keyword' },
        { regex: TAG_SEARCH.else, role: 'keyword' },
      ]);
    } else if (at(TAG.elif) || at(TAG.else) || at(TAG.end)) {
      throw new SqlfmtError('block tag outside a block');
    } else if ((m = at(TAG.forStart))) {
      this.lexBlock(m, [
        { regex: TAG_SEARCH.forStart, role: 'start' },
        { regex: TAG_SEARCH.end, role: 'end' },
      ]);
    } else if ((m = at(TAG.jinjaBlockStart))) {
      const verb = /\{%-?\s*(\w+)/u.exec(m.text)?.[1].toLowerCase() ?? '';
      this.lexBlock(m, [
        { regex: TAG_SEARCH.jinjaBlockStart, role: 'start' },
        { regex: jinjaBlockEndSearch(verb), role: 'end' },
      ]);
    } else {
      this.lexPlainTag(start, prefix);
    }
  }

  /** T9/T10: a plain statement or expression up to its matching close. */
  private lexPlainTag(start: number, prefix: string): void {
    const src = this.src;
    const tagStart = start + prefix.length;
    if (src.startsWith('{#', tagStart)) throw new SqlfmtError('unterminated tag comment');
    const isStatement = src.startsWith('{%', tagStart);
    const end = matchingClose(src, tagStart, isStatement ? /\{%|%\}/g : /\{\{|\}\}/g);
    this.pushNode(isStatement ? 'JINJA_STATEMENT' : 'JINJA_EXPRESSION', prefix, src.slice(tagStart, end));
    this.pos = end;
  }

  /** Block handling for an if/for start tag (§2.5). */
  private lexBlock(startMatch: Match, searches: BlockSearch[]): void {
    const before = this.prev;
    this.pushNode('JINJA_BLOCK_START', startMatch.prefix, startMatch.text);
    this.pos = startMatch.end;
    for (;;) {
      let best: Match | null = null;
      let role: BlockSearch['role'] = 'end';
      for (const s of searches) {
        const m = this.searchFrom(s.regex);
        if (m && (!best || m.index < best.index)) {
          best = m;
          role = s.role;
        }
      }
      if (!best) throw new SqlfmtError('unterminated tag block');
      this.lexUntil(best.index);
      if (this.pos > best.index) continue; // the tag was swallowed by a string, comment or nested block
      if (role === 'start') {
        this.lexBlock(best, searches);
      } else if (role === 'end') {
        this.pushNode('JINJA_BLOCK_END', best.prefix, best.text);
        this.pos = best.end;
        return;
      } else {
        this.pushNode('JINJA_BLOCK_KEYWORD', best.prefix, best.text, before);
        this.pos = best.end;
      }
    }
  }

  /** The first match of a block tag at or after the current position. */
  private searchFrom(regex: RegExp): Match | null {
    const cached = this.searchCache.get(regex);
    if (cached && cached.from <= this.pos && (cached.match === null || cached.match.index >= this.pos)) return cached.match;
    const match = findTag(regex, this.src, this.pos);
    this.searchCache.set(regex, { from: this.pos, match });
    return match;
  }

  /** §3.5: trailing lines that close a block opened earlier lose their SQL depth. */
  private resetTrailingBlockClosers(): void {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const line = this.lines[i];
      if (!closesTagBlockFromPreviousLine(line)) break;
      for (const n of line.nodes) n.openBrackets = Stack.empty();
    }
  }
}


/** End index of a tag whose open/close delimiters may nest. */
function matchingClose(src: string, tagStart: number, re: RegExp): number {
  re.lastIndex = tagStart + 2;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    depth += m[0][0] === '{' ? 1 : -1;
    if (depth === 0) return m.index + 2;
  }
  throw new SqlfmtError('unterminated tag');
}

/** Lexed SQL: its lines and where §5 cuts each (computed while lexing, so that splitLine need not). */
export interface LexedSql {
  lines: SqlLine[];
  cuts: number[][];
}

export function lex(source: string): LexedSql {
  return new Lexer(source).run();
}
