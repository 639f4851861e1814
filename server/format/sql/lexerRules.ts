import { TokenKind } from './types';

/** Python-style Unicode word character and its negation. */
export const W = '[\\p{L}\\p{N}_]';
const END_OF_WORD = `(?!${W})`;
const D = '\\p{Nd}';

/** Compiles `HWS` + pattern as a sticky, case-insensitive, dot-all, Unicode regex (§2.1). */
function rule(pattern: string): RegExp {
  return new RegExp(`([^\\S\\n]*)(${pattern})`, 'iuys');
}
/** Same, unanchored, for the block-tag search of §2.5. */
function search(pattern: string): RegExp {
  return new RegExp(`([^\\S\\n]*)(${pattern})`, 'iugs');
}

const STRING_PREFIX = '(?:rb?|br?)?';
const QUOTED_NAME = [
  `${STRING_PREFIX}'''.*?'''`,
  `${STRING_PREFIX}""".*?"""`,
  `(?:rb?|br?|u&|@)?"(?:[^"\\\\]|\\\\.|"")*"`,
  `(?:rb?|br?|u&|x)?'(?:[^'\\\\]|\\\\.|'')*'`,
  `\\$${W}*\\$[^$]*?\\$${W}*\\$`,
  '`(?:[^`\\\\]|\\\\.)*`',
  `(?<!\\\\)\\$(?:${W}|\\$)+`,
].join('|');

const OPERATOR = [
  '\\|\\/',
  '\\|\\|\\/',
  '~=',
  '!?~\\*?',
  '\\?(?:=|!|<=|<!)',
  '\\?(?:-\\||\\|\\||-|\\|)',
  '@-@',
  '@@@?',
  '##',
  '<->',
  '@>',
  '<@',
  '<>',
  '\\|?>>=?',
  '<<(?:=|\\|)?',
  '=>',
  '(?:-|#)>>?',
  '&&',
  '&<\\|?',
  '\\|?&>',
  '<\\^',
  '>\\^',
  '\\?#',
  '\\|\\|',
  '-\\|-',
  '[*+?]?\\?',
  '!!',
  '%%',
  '[-+*/%&|^=<>:#!]=?',
].join('|');

const WORD_OPERATOR = [
  'all',
  'any',
  'as',
  '(?:not\\s+)?between',
  'cube',
  '(?:not\\s+)?exists',
  'filter',
  'grouping sets',
  '(?:not\\s+)?in',
  'is(?:\\s+not)?',
  'isnull',
  '(?:not\\s+)?i?like(?:\\s+any)?',
  'over',
  'notnull',
  '(?:not\\s+)?(?:regexp|rlike)',
  'rollup',
  'some',
  '(?:not\\s+)?similar\\s+to',
  'using',
  'within\\s+group',
].join('|');

const UNTERM_KEYWORD = [
  'with(?:\\s+recursive)?',
  `select(?:\\s+as\\s+struct|\\s+as\\s+value)?(?:\\s+all|\\s+distinct|\\s+top\\s+${D}+)?`,
  'from',
  '(?:natural\\s+)?(?:(?:inner|cross|left(?:\\s+outer)?|right(?:\\s+outer)?|full(?:\\s+outer)?)\\s+)?join',
  'where',
  'group\\s+by',
  'having',
  'qualify',
  'window',
  'order\\s+by',
  'limit',
  'fetch\\s+(?:first|next)',
  'for\\s+(?:update|no\\s+key\\s+update|share|key\\s+share)',
  'when',
  'then',
  'else',
  'partition\\s+by',
  'rows\\s+between',
].join('|');

/** What a main rule does when it matches. */
export type RuleAction =
  | { type: 'node'; kind: TokenKind }
  | { type: 'tag' }
  | { type: 'comment' }
  | { type: 'nestedComment' }
  | { type: 'setOperator' }
  | { type: 'newline' }
  | { type: 'error' };

export interface MainRule {
  regex: RegExp;
  action: RuleAction;
}

const node = (kind: TokenKind): RuleAction => ({ type: 'node', kind });

/** §2.2, in order. */
export const MAIN_RULES: readonly MainRule[] = [
  { regex: rule('(?:--|#) ?fmt: ?off ?(?=\\r?\\n|$)'), action: node('FMT_OFF') },
  { regex: rule('(?:--|#) ?fmt: ?on ?(?=\\r?\\n|$)'), action: node('FMT_ON') },
  { regex: rule('\\{\\{|\\{%|\\{#'), action: { type: 'tag' } },
  { regex: rule('#\\}|\\}\\}|%\\}'), action: { type: 'error' } },
  { regex: rule(QUOTED_NAME), action: node('QUOTED_NAME') },
  { regex: rule('--[^\\r\\n]*|#[^\\r\\n]*|/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/'), action: { type: 'comment' } },
  { regex: rule('/\\*'), action: { type: 'nestedComment' } },
  { regex: rule('\\*/'), action: { type: 'error' } },
  { regex: rule(';'), action: node('SEMICOLON') },
  { regex: rule(`case${END_OF_WORD}`), action: node('STATEMENT_START') },
  { regex: rule(`end${END_OF_WORD}`), action: node('STATEMENT_END') },
  { regex: rule('\\*'), action: node('STAR') },
  { regex: rule(`-?${D}+\\.?${D}*|-?\\.${D}+`), action: node('NUMBER') },
  { regex: rule('[\\[({]'), action: node('BRACKET_OPEN') },
  { regex: rule('[\\])}]'), action: node('BRACKET_CLOSE') },
  { regex: rule('::'), action: node('DOUBLE_COLON') },
  { regex: rule(':'), action: node('COLON') },
  { regex: rule(`@${W}+|\\$${D}+|%(?:\\([^%()]+\\))?s`), action: node('NAME') },
  { regex: rule(OPERATOR), action: node('OPERATOR') },
  { regex: rule(`(?:${WORD_OPERATOR})${END_OF_WORD}`), action: node('WORD_OPERATOR') },
  { regex: rule('(?:exclude|replace)(?=\\s+\\()'), action: node('WORD_OPERATOR') },
  { regex: rule(`on${END_OF_WORD}`), action: node('ON') },
  { regex: rule(`(?:and|or|not)${END_OF_WORD}`), action: node('BOOLEAN_OPERATOR') },
  { regex: rule(','), action: node('COMMA') },
  { regex: rule('\\.'), action: node('DOT') },
  { regex: rule(`(?:${UNTERM_KEYWORD})${END_OF_WORD}`), action: node('UNTERM_KEYWORD') },
  { regex: rule('offset(?=\\s+|$)'), action: node('UNTERM_KEYWORD') },
  { regex: rule(`(?:union|intersect|except|minus)(?:\\s+all|distinct)?${END_OF_WORD}`), action: { type: 'setOperator' } },
  { regex: rule(`${W}+`), action: node('NAME') },
  { regex: rule('\\r?\\n'), action: { type: 'newline' } },
];

/** Tag sub-lexer patterns (§2.5). */
export const TAG = {
  comment: rule('\\{#.*?#\\}'),
  setBlock: rule('\\{%-?\\s*set\\s+[^=]+?-?%\\}'),
  endSet: search('\\{%-?\\s*endset\\s*-?%\\}'),
  ifStart: rule('\\{%-?\\s*if.*?-?%\\}'),
  elif: rule(`\\{%-?\\s*elif\\s+${W}+.*?-?%\\}`),
  else: rule('\\{%-?\\s*else\\s*-?%\\}'),
  end: rule('\\{%-?\\s*end\\s*-?%\\}'),
  forStart: rule('\\{%-?\\s*for\\s+.*?-?%\\}'),
  jinjaBlockStart: rule('\\{%-?\\s*(macro|test|snapshot)\\s+.*?-?%\\}'),
};

/** Unanchored versions used to find the next block tag. */
export const TAG_SEARCH = {
  ifStart: search('\\{%-?\\s*if.*?-?%\\}'),
  elif: search(`\\{%-?\\s*elif\\s+${W}+.*?-?%\\}`),
  else: search('\\{%-?\\s*else\\s*-?%\\}'),
  end: search('\\{%-?\\s*end\\s*-?%\\}'),
  forStart: search('\\{%-?\\s*for\\s+.*?-?%\\}'),
};

export const jinjaBlockEndSearch = (verb: string): RegExp => search(`\\{%-?\\s*end${verb}\\s*-?%\\}`);
