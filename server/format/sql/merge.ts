import { createNode, dividesQueries, isMultilineNode, sqlDepth, tagDepth } from './nodes';
import { cpLength, hasContent, isBlank, isStandaloneOperator, lastNode, lineWidth } from './lines';
import { startsWithOperator } from './precedence';
import { RECURSION_LIMIT_MESSAGE } from './split';
import { headIndex, Segment, splitIntoSegments, tailClosesHead, tailIndex } from './segments';
import { INDENT, SqlComment, SqlLine, SqlNode } from './types';

const TIERS = [3, 4, 5, 7, 9, 11, 14];

/**
 * sqlfmt merges lines recursively (one Python frame per nesting level it goes into), so CPython's
 * recursion limit stops it when a merge of two or more lines is this deep in the recursion: 959
 * parentheses one per line format, 960 do not. We give up there too, before the merge is tried.
 */
export const MAX_MERGE_DEPTH = 960;

/**
 * Whether mergeLines will surely give up on `lines` for MAX_MERGE_DEPTH, decided in one pass so that
 * the give-up costs no merge pass per nesting level. Without disabled nodes, multi-line nodes and
 * block tags (each source line then has at most one opener, at its end):
 * - a line deeper than `ll` is never merged: a merge holding it is wider than `ll`;
 * - each recursion step goes into lines whose first non-blank line is at most one deeper than the
 *   head it leaves, or at most 2·ll + 1 deep after a merged head (narrower than `ll`);
 * so a line at depth D is only left alone at a recursion depth of at least
 * D - max(first depth, 2·ll + 1), by a merge of two or more lines one level up.
 */
export function surelyTooDeep(lines: readonly SqlLine[], ll: number): boolean {
  let first = -1;
  let deepest = 0;
  for (const line of lines) {
    for (const n of line.nodes) if (n.disabled || n.openBlocks.length > 0 || n.value.includes('\n') && n.kind !== 'NEWLINE') return false;
    const head = line.nodes[0];
    if (!head) continue;
    const depth = sqlDepth(head);
    if (first < 0 && !isBlank(line)) first = depth;
    if (depth > deepest) deepest = depth;
  }
  return deepest > ll && deepest - Math.max(first, 2 * ll + 1) > MAX_MERGE_DEPTH;
}

/** Appends in a loop: `out.push(...items)` passes every item as an argument and overflows the stack. */
function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/**
 * The refusals of §8.1 that need no merged line, over `groups` of lines taken in order (so that a run
 * of segments is checked without flattening it): undefined when refused, else whether a node's text
 * spans lines (then only the merged line's width decides).
 */
function checkMerge(groups: readonly SqlLine[][], lineLength: number): { multilineText: boolean } | undefined {
  let width = -1;
  let multilineText = false;
  let allowMultiline = true;
  // blank lines (a lone NEWLINE, no comments) change nothing here
  for (const lines of groups) {
    for (const line of lines) {
      for (const n of line.nodes) {
        if (n.disabled) return undefined;
        if (n.kind === 'NEWLINE') continue;
        if (dividesQueries(n)) return undefined;
        if (isMultilineNode(n) && !allowMultiline) return undefined;
        if (width < 0) width = INDENT.length * (sqlDepth(n) + tagDepth(n)) + cpLength(n.value);
        else width += n.space.length + cpLength(n.value);
        // one-character values (most punctuation) without a call
        if (n.value.length > 1 ? n.value.includes('\n') : n.value === '\n') multilineText = true;
        if (!multilineText && width > lineLength) return undefined;
      }
      if (hasContent(line) && !isStandaloneOperator(line)) allowMultiline = false;
    }
  }
  return width < 0 ? undefined : { multilineText };
}

/** §8.1: merges lines into one, or returns null when the merge is refused. */
export function tryMerge(lines: SqlLine[], lineLength: number): SqlLine[] | null {
  const check = checkMerge([lines], lineLength);
  return check ? mergeChecked(lines, check.multilineText, lineLength) : null;
}

function mergeChecked(lines: SqlLine[], multilineText: boolean, lineLength: number): SqlLine[] | null {
  let first = 0;
  while (isBlank(lines[first])) first++;
  let last = lines.length - 1;
  while (isBlank(lines[last])) last--;
  const nodes: SqlNode[] = [];
  const comments: SqlComment[] = [];
  let newline: SqlNode | undefined;
  for (let i = first; i <= last; i++) {
    const line = lines[i];
    for (const n of line.nodes) if (n.kind !== 'NEWLINE') nodes.push(n);
    for (const c of line.comments) comments.push(c);
    if (hasContent(line)) newline = lastNode(line);
  }
  nodes.push(newline && newline.kind === 'NEWLINE' ? newline : createNode('NEWLINE', '', '\n', nodes[nodes.length - 1]));
  const merged: SqlLine = { nodes, comments, prevNode: lines[0].prevNode };
  if (multilineText && lineWidth(merged) > lineLength) return null;
  if (first === 0 && last === lines.length - 1) return [merged];
  return [...lines.slice(0, first), merged, ...lines.slice(last + 1)];
}

function continuesOperatorRun(seg: Segment, tier: number): boolean {
  const h = headIndex(seg);
  if (h < 0) return true;
  const first = seg[h].nodes[0];
  return first?.kind === 'COMMA' || startsWithOperator(first, tier);
}

function startsWithOperatorOrComma(seg: Segment, max: number): boolean {
  const h = headIndex(seg);
  if (h < 0) return false;
  const first = seg[h].nodes[0];
  return first?.kind === 'COMMA' || startsWithOperator(first, max);
}

function fixStandaloneOperators(segs: Segment[], ll: number): Segment[] {
  return segs.map((seg) => {
    const h = headIndex(seg);
    if (h < 0 || !isStandaloneOperator(seg[h])) return seg;
    let j = h + 1;
    while (j < seg.length && isBlank(seg[j])) j++;
    if (j >= seg.length) return seg;
    const merged = tryMerge(seg.slice(h, j + 1), ll);
    return merged ? [...seg.slice(0, h), ...merged, ...seg.slice(j + 1)] : seg;
  });
}

function mergeOperatorRuns(segs: Segment[], tiers: number[], ll: number): Segment[] {
  if (segs.length <= 1 || tiers.length === 0) return segs;
  const rest = tiers.slice(0, -1);
  const tier = tiers[tiers.length - 1];
  const result: Segment[] = [];
  let runStart = 0;
  for (let i = 1; i < segs.length; i++) {
    if (!continuesOperatorRun(segs[i], tier)) {
      append(result, tryRun(segs.slice(runStart, i), rest, ll));
      runStart = i;
    }
  }
  append(result, tryRun(segs.slice(runStart), rest, ll));
  return result;
}

function tryRun(run: Segment[], tiers: number[], ll: number): Segment[] {
  if (run.length <= 1) return run;
  const check = checkMerge(run, ll);
  const merged = check && mergeChecked(run.flat(), check.multilineText, ll);
  return merged ? [merged] : mergeOperatorRuns(run, tiers, ll);
}

/** Attaches `seg` to `prev` (§8.6 steps 1–4). */
function stubbornlyMerge(prev: Segment, seg: Segment, ll: number): Segment[] {
  const h = headIndex(seg);
  const t = tailIndex(prev);
  let m = tryMerge([...prev, ...seg.slice(0, h + 1)], ll);
  if (m) return [[...m, ...seg.slice(h + 1)]];
  m = tryMerge([...prev.slice(t), ...seg], ll);
  if (m) return [[...prev.slice(0, t), ...m]];
  m = tryMerge([...prev.slice(t), ...seg.slice(0, h + 1)], ll);
  if (m) return [[...prev.slice(0, t), ...m, ...seg.slice(h + 1)]];
  return [prev, seg];
}

function stubbornMerge(segs: Segment[], ll: number): Segment[] {
  const passA: Segment[] = [segs[0]];
  for (const seg of segs.slice(1)) {
    const prev = passA.pop() as Segment;
    if (startsWithOperatorOrComma(seg, 3)) append(passA, stubbornlyMerge(prev, seg, ll));
    else passA.push(prev, seg);
  }
  if (passA.length <= 1) return passA;
  const flags = passA.map((s) => startsWithOperatorOrComma(s, 9));
  const passB: Segment[] = [passA[0]];
  for (let i = 1; i < passA.length; i++) {
    const prev = passB.pop() as Segment;
    const seg = passA[i];
    if (flags[i] && !flags[i - 1] && tryMerge(seg, ll) === null && tailClosesHead(seg)) append(passB, stubbornlyMerge(prev, seg, ll));
    else passB.push(prev, seg);
  }
  return passB;
}

interface MergeTask {
  lines: SqlLine[];
  /** How deep sqlfmt's recursion is when it merges these lines. */
  depth: number;
}

/**
 * §8.4, with `ll` the maximum line width. sqlfmt recurses into each segment and into the lines
 * under a segment's head; the same steps run here from a stack of pending line runs, in the order
 * the recursion takes them, so no run is kept alive (and no JavaScript frame) per nesting level.
 */
export function mergeLines(lines: SqlLine[], ll: number): SqlLine[] {
  if (surelyTooDeep(lines, ll)) throw new RangeError(RECURSION_LIMIT_MESSAGE);
  return mergeLinesStepwise(lines, ll);
}

/** mergeLines without the one-pass verdict of surelyTooDeep: every step, until the depth limit. */
export function mergeLinesStepwise(lines: SqlLine[], ll: number): SqlLine[] {
  const out: SqlLine[] = [];
  const pending: MergeTask[] = [{ lines, depth: 1 }];
  for (let task = pending.pop(); task; task = pending.pop()) {
    const { lines: run, depth } = task;
    if (run.length <= 1) {
      append(out, run);
      continue;
    }
    if (depth > MAX_MERGE_DEPTH) throw new RangeError(RECURSION_LIMIT_MESSAGE);
    const all = tryMerge(run, ll);
    if (all) {
      append(out, all);
      continue;
    }
    let segs = fixStandaloneOperators(splitIntoSegments(run), ll);
    if (segs.length > 1) {
      segs = stubbornMerge(mergeOperatorRuns(segs, TIERS, ll), ll);
      // A segment holding every line would recurse on the same input for ever: sqlfmt dies of its
      // recursion limit there, and so do we, at once.
      if (segs.some((seg) => seg.length === run.length)) throw new RangeError(RECURSION_LIMIT_MESSAGE);
      for (let i = segs.length - 1; i >= 0; i--) pending.push({ lines: segs[i], depth: depth + 1 });
      continue;
    }
    const seg = segs[0];
    const h = headIndex(seg);
    if (h < 0) {
      append(out, seg);
      continue;
    }
    for (let i = 0; i <= h; i++) out.push(seg[i]);
    if (tailClosesHead(seg)) {
      const t = tailIndex(seg);
      pending.push({ lines: seg.slice(t), depth: depth + 1 }, { lines: seg.slice(h + 1, t), depth: depth + 1 });
    } else {
      pending.push({ lines: seg.slice(h + 1), depth: depth + 1 });
    }
  }
  return out;
}
