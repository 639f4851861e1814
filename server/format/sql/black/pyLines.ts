import { Leaf, PRIORITY } from './pyLeaves';

/** A logical line of black output: leaves at an indentation depth. */
export interface PyLine {
  depth: number;
  leaves: Leaf[];
  insideBrackets: boolean;
  shouldSplitRhs: boolean;
}

export class CannotSplit extends Error {}

export function makeLine(depth: number, leaves: Leaf[], insideBrackets: boolean): PyLine {
  return { depth, leaves, insideBrackets, shouldSplitRhs: false };
}

export function lineStr(line: PyLine): string {
  let s = '    '.repeat(line.depth);
  line.leaves.forEach((l, i) => {
    s += i === 0 ? l.value : l.ws + l.value;
  });
  return s;
}

/** Display width: East-Asian wide and full-width characters count 2 (black's str_width). */
export function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

export function isShortEnough(line: PyLine, limit: number): boolean {
  const s = lineStr(line);
  return !s.includes('\n') && strWidth(s) <= limit;
}

/** Length of a leaf with its whitespace, as black's enumerate_with_length counts it. */
export function leafLength(line: PyLine, i: number): number {
  const l = line.leaves[i];
  return (i === 0 ? 0 : l.ws.length) + l.value.length;
}

/** Delimiters at the line's own bracket level: index of the leaf to split after → priority. */
export function delimiters(line: PyLine): Map<number, number> {
  const d = new Map<number, number>();
  let depth = 0;
  line.leaves.forEach((leaf, i) => {
    if (leaf.close) depth--;
    if (depth === 0) {
      if (leaf.before > 0 && i > 0) d.set(i - 1, Math.max(d.get(i - 1) ?? 0, leaf.before));
      if (leaf.after) d.set(i, Math.max(d.get(i) ?? 0, leaf.after));
    }
    if (leaf.open) depth++;
  });
  return d;
}

export function maxPriority(d: Map<number, number>, excludeIndex = -1): number {
  let max = 0;
  for (const [i, p] of d) if (i !== excludeIndex && p > max) max = p;
  return max;
}

export function countPriority(d: Map<number, number>, p: number): number {
  let n = 0;
  for (const v of d.values()) if (v === p) n++;
  return n;
}

export function hasMagicTrailingComma(line: PyLine): boolean {
  return line.leaves.some((l, i) => l.close && l.magicComma === true && i > 0 && line.leaves[i - 1].value === ',');
}

/** black's should_split_line: a body that must be exploded one element per line. */
export function shouldSplitBody(body: PyLine, opening: Leaf): boolean {
  const last = body.leaves[body.leaves.length - 1];
  if (!last) return false;
  const trailingComma = last.value === ',';
  const d = delimiters(body);
  if (maxPriority(d, body.leaves.length - 1) !== PRIORITY.COMMA) return false;
  return trailingComma || opening.owner === 'atom' || opening.owner === 'invisible';
}
