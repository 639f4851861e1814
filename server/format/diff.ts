// A unified diff in the layout of Python's `difflib.unified_diff` (3 lines of context), computed
// with Myers' O(ND) algorithm in linear space.

type Tag = 'equal' | 'delete' | 'insert' | 'replace';
/** [tag, aStart, aEnd, bStart, bEnd], like difflib's opcodes. */
type Opcode = [Tag, number, number, number, number];

/**
 * Myers' O(ND) diff in linear space (divide and conquer on the middle snake): the matched index
 * pairs of a shortest edit script, in order, as a flat list [a0, b0, a1, b1, …].
 */
function matchedPairs(a: readonly string[], b: readonly string[]): number[] {
  const out: number[] = [];
  const size = a.length + b.length + 2;
  const forward = new Int32Array(2 * size + 1);
  const backward = new Int32Array(2 * size + 1);
  const solve = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push(aLo++, bLo++);
    let suffix = 0;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    if (aLo < aHi && bLo < bHi) {
      const [x, y, u, v] = middleSnake(aLo, aHi, bLo, bHi);
      solve(aLo, aLo + x, bLo, bLo + y);
      for (let i = 0; i < u - x; i++) out.push(aLo + x + i, bLo + y + i);
      solve(aLo + u, aHi, bLo + v, bHi);
    }
    for (let i = 0; i < suffix; i++) out.push(aHi + i, bHi + i);
  };
  /** The middle snake of a[aLo..aHi) against b[bLo..bHi) (both non-empty), in offsets from (aLo, bLo). */
  const middleSnake = (aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] => {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    const o = size; // offset of diagonal 0 in both arrays
    forward[o + 1] = 0;
    backward[o + 1] = n + 1;
    for (let d = 0; d <= Math.ceil((n + m) / 2); d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && forward[o + k - 1] < forward[o + k + 1]) ? forward[o + k + 1] : forward[o + k - 1] + 1;
        let y = x - k;
        const sx = x;
        const sy = y;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++;
          y++;
        }
        forward[o + k] = x;
        const c = k - delta;
        if (odd && c >= -(d - 1) && c <= d - 1 && backward[o + c] <= x) return [sx, sy, x, y];
      }
      for (let c = -d; c <= d; c += 2) {
        let x: number;
        if (c === -d) x = backward[o + c + 1] - 1;
        else if (c === d) x = backward[o + c - 1];
        else x = Math.min(backward[o + c + 1] - 1, backward[o + c - 1]);
        let y = x - (c + delta);
        const ex = x;
        const ey = y;
        while (x > 0 && y > 0 && a[aLo + x - 1] === b[bLo + y - 1]) {
          x--;
          y--;
        }
        backward[o + c] = x;
        const k = c + delta;
        if (!odd && k >= -d && k <= d && x <= forward[o + k]) return [x, y, ex, ey];
      }
    }
    throw new Error('unreachable: the paths always meet');
  };
  solve(0, a.length, 0, b.length);
  return out;
}

function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const codes: Opcode[] = [];
  let i = 0;
  let j = 0;
  const pushChange = (i2: number, j2: number) => {
    if (i < i2 || j < j2) codes.push([i < i2 ? (j < j2 ? 'replace' : 'delete') : 'insert', i, i2, j, j2]);
  };
  const pairs = matchedPairs(a, b);
  pairs.push(a.length, b.length);
  for (let p = 0; p < pairs.length; p += 2) {
    const [mi, mj] = [pairs[p], pairs[p + 1]];
    pushChange(mi, mj);
    if (mi === a.length && mj === b.length) break;
    const last = codes[codes.length - 1];
    if (last?.[0] === 'equal' && last[2] === mi && last[4] === mj) {
      last[2]++;
      last[4]++;
    } else codes.push(['equal', mi, mi + 1, mj, mj + 1]);
    i = mi + 1;
    j = mj + 1;
  }
  return codes;
}

/** difflib's `get_grouped_opcodes(n)`. */
function groups(codes: Opcode[], n: number): Opcode[][] {
  if (!codes.length) codes = [['equal', 0, 1, 0, 1]];
  const first = codes[0];
  if (first[0] === 'equal') codes[0] = ['equal', Math.max(first[1], first[2] - n), first[2], Math.max(first[3], first[4] - n), first[4]];
  const last = codes[codes.length - 1];
  if (last[0] === 'equal') codes[codes.length - 1] = ['equal', last[1], Math.min(last[2], last[1] + n), last[3], Math.min(last[4], last[3] + n)];
  const out: Opcode[][] = [];
  let group: Opcode[] = [];
  for (const [tag, i1s, i2, j1s, j2] of codes) {
    let [i1, j1] = [i1s, j1s];
    if (tag === 'equal' && i2 - i1 > 2 * n) {
      group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
      out.push(group);
      group = [];
      [i1, j1] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
    }
    group.push([tag, i1, i2, j1, j2]);
  }
  if (group.length && !(group.length === 1 && group[0][0] === 'equal')) out.push(group);
  return out;
}

function range(start: number, stop: number): string {
  const length = stop - start;
  if (length === 1) return String(start + 1);
  return `${length ? start + 1 : start},${length}`;
}

/** Lines with their `\n`, like Python's `readlines()`. */
export function splitKeepingNewlines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A unified diff of two texts (empty when equal); a last line without `\n` is marked as in GNU diff. */
export function unifiedDiff(before: string, after: string, fromFile: string, toFile: string, context = 3): string {
  const a = splitKeepingNewlines(before);
  const b = splitKeepingNewlines(after);
  const line = (prefix: string, text: string) => (text.endsWith('\n') ? prefix + text : `${prefix}${text}\n\\ No newline at end of file\n`);
  let out = '';
  for (const group of groups(opcodes(a, b), context)) {
    if (!out) out = `--- ${fromFile}\n+++ ${toFile}\n`;
    const [first, last] = [group[0], group[group.length - 1]];
    out += `@@ -${range(first[1], last[2])} +${range(first[3], last[4])} @@\n`;
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (const t of a.slice(i1, i2)) out += line(' ', t);
        continue;
      }
      if (tag !== 'insert') for (const t of a.slice(i1, i2)) out += line('-', t);
      if (tag !== 'delete') for (const t of b.slice(j1, j2)) out += line('+', t);
    }
  }
  return out;
}
