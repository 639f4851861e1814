import { TokenKind } from './types';

/** Python-style Unicode word character and its negation. */
const W = '[\\p{L}\\p{N}_]';
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
  /** A quick test on the first character after the whitespace prefix; the rule cannot match otherwise. */
  first: RegExp;
}

const node = (kind: TokenKind): RuleAction => ({ type: 'node', kind });

/** §2.2, in order. */
export const MAIN_RULES: readonly MainRule[] = [
  { regex: rule('(?:--|#) ?fmt: ?off ?(?=\\r?\\n|$)'), action: node('FMT_OFF'), first: /[-#]/u },
  { regex: rule('(?:--|#) ?fmt: ?on ?(?=\\r?\\n|$)'), action: node('FMT_ON'), first: /[-#]/u },
  { regex: rule('\\{\\{|\\{%|\\{#'), action: { type: 'tag' }, first: /\{/u },
  { regex: rule('#\\}|\\}\\}|%\\}'), action: { type: 'error' }, first: /[#}%]/u },
  { regex: rule(QUOTED_NAME), action: node('QUOTED_NAME'), first: /['"`$rbux@]/iu },
  { regex: rule('--[^\\r\\n]*|#[^\\r\\n]*|/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/'), action: { type: 'comment' }, first: /[-#/]/u },
  { regex: rule('/\\*'), action: { type: 'nestedComment' }, first: /\//u },
  { regex: rule('\\*/'), action: { type: 'error' }, first: /\*/u },
  { regex: rule(';'), action: node('SEMICOLON'), first: /;/u },
  { regex: rule(`case${END_OF_WORD}`), action: node('STATEMENT_START'), first: /c/iu },
  { regex: rule(`end${END_OF_WORD}`), action: node('STATEMENT_END'), first: /e/iu },
  { regex: rule('\\*'), action: node('STAR'), first: /\*/u },
  { regex: rule(`-?${D}+\\.?${D}*|-?\\.${D}+`), action: node('NUMBER'), first: /[-.\p{Nd}]/u },
  { regex: rule('[\\[({]'), action: node('BRACKET_OPEN'), first: /[[({]/u },
  { regex: rule('[\\])}]'), action: node('BRACKET_CLOSE'), first: /[\])}]/u },
  { regex: rule('::'), action: node('DOUBLE_COLON'), first: /:/u },
  { regex: rule(':'), action: node('COLON'), first: /:/u },
  { regex: rule(`@${W}+|\\$${D}+|%(?:\\([^%()]+\\))?s`), action: node('NAME'), first: /[@$%]/u },
  { regex: rule(OPERATOR), action: node('OPERATOR'), first: /[-|~?@#<>=&!%+*/^:]/u },
  { regex: rule(`(?:${WORD_OPERATOR})${END_OF_WORD}`), action: node('WORD_OPERATOR'), first: /[abcefgilnorsuw]/iu },
  { regex: rule('(?:exclude|replace)(?=\\s+\\()'), action: node('WORD_OPERATOR'), first: /[er]/iu },
  { regex: rule(`on${END_OF_WORD}`), action: node('ON'), first: /o/iu },
  { regex: rule(`(?:and|or|not)${END_OF_WORD}`), action: node('BOOLEAN_OPERATOR'), first: /[aon]/iu },
  { regex: rule(','), action: node('COMMA'), first: /,/u },
  { regex: rule('\\.'), action: node('DOT'), first: /\./u },
  { regex: rule(`(?:${UNTERM_KEYWORD})${END_OF_WORD}`), action: node('UNTERM_KEYWORD'), first: /[cefghijlnopqrstw]/iu },
  { regex: rule('offset(?=\\s+|$)'), action: node('UNTERM_KEYWORD'), first: /o/iu },
  { regex: rule(`(?:union|intersect|except|minus)(?:\\s+all|distinct)?${END_OF_WORD}`), action: { type: 'setOperator' }, first: /[uiem]/iu },
  { regex: rule(`${W}+`), action: node('NAME'), first: /[\p{L}\p{N}_]/u },
  { regex: rule('\\r?\\n'), action: { type: 'newline' }, first: /[\r\n]/u },
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
