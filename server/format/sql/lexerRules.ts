import { TokenKind } from './types';

/** Python-style Unicode word character and its negation. */
const W = '[\\p{L}\\p{N}_]';
const END_OF_WORD = `(?!${W})`;
const D = '\\p{Nd}';

/** Compiles `HWS` + pattern as a sticky, case-insensitive, dot-all, Unicode regex (§2.1). */
function rule(pattern: string): RegExp {
  return new RegExp(`([^\\S\\n]*)(${pattern})`, 'iuys');
}
/**
 * The pattern alone, sticky, for a main rule: the lexer skips the `HWS` prefix once per token. The
 * same as `rule` since no main pattern can start inside the prefix (only `\r?\n` starts with a
 * whitespace, and the prefix stops at its `\n`).
 */
function token(pattern: string): RegExp {
  return new RegExp(pattern, 'iuys');
}
/**
 * A block tag for the search of §2.5, sticky and without the `HWS` prefix: the lexer tries it at each
 * `{%` (every such pattern starts with one) and takes the whitespace before that `{%` as the prefix,
 * which finds what the unanchored `HWS` + pattern would, without trying the regex at every position.
 */
function blockTag(pattern: string): RegExp {
  return new RegExp(pattern, 'iuys');
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
  /**
   * Keyword rules: the lower-case words a match can start with. On an ASCII word (its run of word
   * characters) that is none of them, the rule cannot match: each pattern starts with one of these
   * words followed by a non-word character or the end of the match.
   */
  words?: ReadonlySet<string>;
  /**
   * The rule matches exactly the run of word characters: the NAME rule, and keyword rules whose
   * pattern is one of their `words` then the end of the word.
   */
  wholeWord?: boolean;
  /** The rule matches exactly the one character its `first` accepts. */
  oneChar?: boolean;
}

const node = (kind: TokenKind): RuleAction => ({ type: 'node', kind });
const words = (...list: string[]): ReadonlySet<string> => new Set(list);
const NEGATABLE = ['between', 'exists', 'in', 'ilike', 'like', 'regexp', 'rlike', 'similar'];
const WORD_OPERATOR_WORDS = words('all', 'any', 'as', 'not', ...NEGATABLE, 'cube', 'filter', 'grouping', 'is', 'isnull', 'over', 'notnull', 'rollup', 'some', 'using', 'within');
const UNTERM_WORDS = words(
  'with', 'select', 'from', 'natural', 'inner', 'cross', 'left', 'right', 'full', 'join', 'where', 'group', 'having', 'qualify',
  'window', 'order', 'limit', 'fetch', 'for', 'when', 'then', 'else', 'partition', 'rows',
);
const SET_OPERATORS = ['union', 'intersect', 'except', 'minus'];
/** `(?:\s+all|distinct)?` also takes `uniondistinct` as one word. */
const SET_OPERATOR_WORDS = words(...SET_OPERATORS, ...SET_OPERATORS.map((w) => `${w}distinct`));

/** §2.2, in order. */
export const MAIN_RULES: readonly MainRule[] = [
  { regex: token('(?:--|#) ?fmt: ?off ?(?=\\r?\\n|$)'), action: node('FMT_OFF'), first: /[-#]/u },
  { regex: token('(?:--|#) ?fmt: ?on ?(?=\\r?\\n|$)'), action: node('FMT_ON'), first: /[-#]/u },
  { regex: token('\\{\\{|\\{%|\\{#'), action: { type: 'tag' }, first: /\{/u },
  { regex: token('#\\}|\\}\\}|%\\}'), action: { type: 'error' }, first: /[#}%]/u },
  { regex: token(QUOTED_NAME), action: node('QUOTED_NAME'), first: /['"`$rbux@]/iu },
  { regex: token('--[^\\r\\n]*|#[^\\r\\n]*|/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/'), action: { type: 'comment' }, first: /[-#/]/u },
  { regex: token('/\\*'), action: { type: 'nestedComment' }, first: /\//u },
  { regex: token('\\*/'), action: { type: 'error' }, first: /\*/u },
  { regex: token(';'), action: node('SEMICOLON'), first: /;/u, oneChar: true },
  { regex: token(`case${END_OF_WORD}`), action: node('STATEMENT_START'), first: /c/iu, words: words('case'), wholeWord: true },
  { regex: token(`end${END_OF_WORD}`), action: node('STATEMENT_END'), first: /e/iu, words: words('end'), wholeWord: true },
  { regex: token('\\*'), action: node('STAR'), first: /\*/u, oneChar: true },
  { regex: token(`-?${D}+\\.?${D}*|-?\\.${D}+`), action: node('NUMBER'), first: /[-.\p{Nd}]/u },
  { regex: token('[\\[({]'), action: node('BRACKET_OPEN'), first: /[[({]/u, oneChar: true },
  { regex: token('[\\])}]'), action: node('BRACKET_CLOSE'), first: /[\])}]/u, oneChar: true },
  { regex: token('::'), action: node('DOUBLE_COLON'), first: /:/u },
  { regex: token(':'), action: node('COLON'), first: /:/u, oneChar: true },
  { regex: token(`@${W}+|\\$${D}+|%(?:\\([^%()]+\\))?s`), action: node('NAME'), first: /[@$%]/u },
  { regex: token(OPERATOR), action: node('OPERATOR'), first: /[-|~?@#<>=&!%+*/^:]/u },
  { regex: token(`(?:${WORD_OPERATOR})${END_OF_WORD}`), action: node('WORD_OPERATOR'), first: /[abcefgilnorsuw]/iu, words: WORD_OPERATOR_WORDS },
  { regex: token('(?:exclude|replace)(?=\\s+\\()'), action: node('WORD_OPERATOR'), first: /[er]/iu, words: words('exclude', 'replace') },
  { regex: token(`on${END_OF_WORD}`), action: node('ON'), first: /o/iu, words: words('on'), wholeWord: true },
  { regex: token(`(?:and|or|not)${END_OF_WORD}`), action: node('BOOLEAN_OPERATOR'), first: /[aon]/iu, words: words('and', 'or', 'not'), wholeWord: true },
  { regex: token(','), action: node('COMMA'), first: /,/u, oneChar: true },
  { regex: token('\\.'), action: node('DOT'), first: /\./u, oneChar: true },
  { regex: token(`(?:${UNTERM_KEYWORD})${END_OF_WORD}`), action: node('UNTERM_KEYWORD'), first: /[cefghijlnopqrstw]/iu, words: UNTERM_WORDS },
  { regex: token('offset(?=\\s+|$)'), action: node('UNTERM_KEYWORD'), first: /o/iu, words: words('offset') },
  { regex: token(`(?:union|intersect|except|minus)(?:\\s+all|distinct)?${END_OF_WORD}`), action: { type: 'setOperator' }, first: /[uiem]/iu, words: SET_OPERATOR_WORDS },
  { regex: token(`${W}+`), action: node('NAME'), first: /[\p{L}\p{N}_]/u, wholeWord: true },
  { regex: token('\\r?\\n'), action: { type: 'newline' }, first: /[\r\n]/u },
];

/** The main rules that can match at a character (in order), looked up for ASCII and filtered otherwise. */
const ASCII_RULES: readonly (readonly MainRule[])[] = Array.from({ length: 128 }, (_, code) => MAIN_RULES.filter((r) => r.first.test(String.fromCharCode(code))));

/** The main rules that can match at `src[at]`. */
export function rulesAt(src: string, at: number): readonly MainRule[] {
  const code = src.charCodeAt(at);
  return code < 128 ? ASCII_RULES[code] : MAIN_RULES.filter((r) => r.first.test(src[at] ?? ''));
}

/** Tag sub-lexer patterns (§2.5). */
export const TAG = {
  comment: rule('\\{#.*?#\\}'),
  setBlock: rule('\\{%-?\\s*set\\s+[^=]+?-?%\\}'),
  endSet: blockTag('\\{%-?\\s*endset\\s*-?%\\}'),
  ifStart: rule('\\{%-?\\s*if.*?-?%\\}'),
  elif: rule(`\\{%-?\\s*elif\\s+${W}+.*?-?%\\}`),
  else: rule('\\{%-?\\s*else\\s*-?%\\}'),
  end: rule('\\{%-?\\s*end\\s*-?%\\}'),
  forStart: rule('\\{%-?\\s*for\\s+.*?-?%\\}'),
  jinjaBlockStart: rule('\\{%-?\\s*(macro|test|snapshot)\\s+.*?-?%\\}'),
};

/** The block tags searched for from a block's start (see `blockTag`). */
export const TAG_SEARCH = {
  ifStart: blockTag('\\{%-?\\s*if.*?-?%\\}'),
  elif: blockTag(`\\{%-?\\s*elif\\s+${W}+.*?-?%\\}`),
  else: blockTag('\\{%-?\\s*else\\s*-?%\\}'),
  end: blockTag('\\{%-?\\s*end\\s*-?%\\}'),
  forStart: blockTag('\\{%-?\\s*for\\s+.*?-?%\\}'),
  jinjaBlockStart: blockTag('\\{%-?\\s*(macro|test|snapshot)\\s+.*?-?%\\}'),
};

export const jinjaBlockEndSearch = (verb: string): RegExp => blockTag(`\\{%-?\\s*end${verb}\\s*-?%\\}`);
