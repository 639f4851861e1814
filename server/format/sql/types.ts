import type { Stack } from './stack';

/** Token kinds of the SQL lexer (§2.2, §2.5). */
export type TokenKind =
  | 'FMT_OFF'
  | 'FMT_ON'
  | 'DATA'
  | 'QUOTED_NAME'
  | 'SEMICOLON'
  | 'STATEMENT_START'
  | 'STATEMENT_END'
  | 'STAR'
  | 'NUMBER'
  | 'BRACKET_OPEN'
  | 'BRACKET_CLOSE'
  | 'DOUBLE_COLON'
  | 'COLON'
  | 'NAME'
  | 'OPERATOR'
  | 'WORD_OPERATOR'
  | 'ON'
  | 'BOOLEAN_OPERATOR'
  | 'COMMA'
  | 'DOT'
  | 'UNTERM_KEYWORD'
  | 'SET_OPERATOR'
  | 'NEWLINE'
  | 'JINJA_EXPRESSION'
  | 'JINJA_STATEMENT'
  | 'JINJA_BLOCK_START'
  | 'JINJA_BLOCK_KEYWORD'
  | 'JINJA_BLOCK_END';

/** A lexed token turned into a printable node (§3). */
export interface SqlNode {
  kind: TokenKind;
  rawPrefix: string;
  rawText: string;
  /** Printed text; rewritten for tags by §6. */
  value: string;
  /** "" or " ": separator printed before the node when it is not first on its line. */
  space: string;
  /** Snapshot stacks (§3.3). Only §3.5 and §7 replace them. */
  openBrackets: Stack<SqlNode>;
  openBlocks: Stack<SqlNode>;
  disabled: boolean;
  prev: SqlNode | null;
}

export interface SqlComment {
  text: string;
  standalone: boolean;
}

export interface SqlLine {
  nodes: SqlNode[];
  comments: SqlComment[];
  prevNode: SqlNode | null;
}

/** Any error that makes the whole SQL fall back (§11). */
export class SqlfmtError extends Error {}

/**
 * Answers of a pure function of a text, kept between calls (a TextMemo): the formatter keeps black's
 * answer for a tag's code, which repeats across the nodes and files of a run.
 */
export interface Memo {
  get<T>(kind: string, text: string, compute: () => T): T;
}

export const LINE_LENGTH = 100;
export const INDENT = '    ';
