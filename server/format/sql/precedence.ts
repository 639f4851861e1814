import { isOperator, isSubscript } from './nodes';
import { SqlNode } from './types';

const TIGHT_WORDS = new Set(['exclude', 'replace', 'except', 'over', 'within group', 'filter', 'using']);
const OTHER_WORDS = new Set(['all', 'any', 'some', 'exists', 'not exists', 'cube', 'rollup', 'grouping sets']);
const MEMBERSHIP_WORD = /^(?:not )?(?:between|in|i?like(?: any)?|similar to|rlike|regexp)$/u;
const IS_WORDS = new Set(['is', 'is not', 'isnull', 'notnull']);
const COMPARISONS = new Set(['=', '==', '!=', '<>', '<', '>', '<=', '>=']);
const REGEX_MATCH = new Set(['~', '~*', '!~', '!~*']);

/** Lower-case `and` following a lower-case `between` at the same depth (§8.3). */
function isBetweenAnd(n: SqlNode): boolean {
  const sql = n.openBrackets.length;
  const tag = n.openBlocks.length;
  for (let p = n.prev?.prev ?? null; p; p = p.prev) {
    // depths compare SQL first, then tags
    const c = p.openBrackets.length !== sql ? p.openBrackets.length - sql : p.openBlocks.length - tag;
    if (c > 0) continue;
    if (c < 0) return false;
    if (p.kind === 'WORD_OPERATOR' && p.value === 'between') return true;
    if (p.kind === 'BOOLEAN_OPERATOR') return false;
  }
  return false;
}

/** Operator precedence of §8.3; lower binds tighter. */
export function precedence(n: SqlNode): number {
  switch (n.kind) {
    case 'DOUBLE_COLON':
      return 0;
    case 'WORD_OPERATOR': {
      const v = n.value.toLowerCase();
      if (v === 'as') return 1;
      if (TIGHT_WORDS.has(v)) return 3;
      if (OTHER_WORDS.has(v)) return 7;
      if (MEMBERSHIP_WORD.test(v)) return 8;
      if (IS_WORDS.has(v)) return 10;
      return 7;
    }
    case 'STAR':
      return 5;
    case 'BRACKET_OPEN':
      return isSubscript(n) ? 2 : 7;
    case 'OPERATOR': {
      const v = n.value;
      if (v === '^') return 4;
      if (v === '/' || v === '%' || v === '%%') return 5;
      if (v === '+' || v === '-') return 6;
      if (REGEX_MATCH.has(v)) return 8;
      if (COMPARISONS.has(v)) return 9;
      return 7;
    }
    case 'BOOLEAN_OPERATOR':
      if (n.value === 'not') return 11;
      if (n.value === 'and') return isBetweenAnd(n) ? 3 : 12;
      if (n.value === 'or') return 13;
      return 12;
    case 'ON':
      return 14;
    default:
      return 7;
  }
}

/** The line's first node is an operator of precedence ≤ `max`. */
export function startsWithOperator(first: SqlNode | undefined, max: number): boolean {
  return first !== undefined && isOperator(first) && precedence(first) <= max;
}
