// A unified diff in the layout of Python's `difflib.unified_diff` (3 lines of context), computed
// with Myers' O(ND) algorithm.

type Tag = 'equal' | 'delete' | 'insert' | 'replace';
/** [tag, aStart, aEnd, bStart, bEnd], like difflib's opcodes. */
type Opcode = [Tag, number, number, number, number];

/** Myers' shortest edit script as a list of matched index pairs (a, b), in order. */
function matches(a: readonly string[], b: readonly string[]): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const middle: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const prev = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[max + k - 1] < prev[max + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : prev[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      middle.push([start + x, start + y]);
    }
    if (d > 0) {
      x = prevX;
      y = prevY;
    }
  }
  const result: [number, number][] = [];
  for (let i = 0; i < start; i++) result.push([i, i]);
  result.push(...middle.reverse());
  for (let i = 0; i < a.length - endA; i++) result.push([endA + i, endB + i]);
  return result;
}

function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const codes: Opcode[] = [];
  let i = 0;
  let j = 0;
  const pushChange = (i2: number, j2: number) => {
    if (i < i2 || j < j2) codes.push([i < i2 ? (j < j2 ? 'replace' : 'delete') : 'insert', i, i2, j, j2]);
  };
  for (const [mi, mj] of [...matches(a, b), [a.length, b.length] as [number, number]]) {
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
