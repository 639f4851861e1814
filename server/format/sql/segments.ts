import { closesBracketFromPreviousLine, closesSimpleTagBlockFromPreviousLine, isBlank, isStandaloneOperator } from './lines';
import { SqlLine } from './types';

export type Segment = SqlLine[];

const sqlDepthOf = (line: SqlLine): number => line.nodes[0]?.openBrackets.length ?? 0;
const tagDepthOf = (line: SqlLine): number => line.nodes[0]?.openBlocks.length ?? 0;

/** §8.2: a line followed by everything more deeply nested under it. */
export function splitIntoSegments(lines: SqlLine[]): Segment[] {
  const segs: Segment[] = [];
  let start = 0;
  while (start < lines.length) {
    const sql = sqlDepthOf(lines[start]);
    const tag = tagDepthOf(lines[start]);
    let i = start + (isStandaloneOperator(lines[start]) ? 2 : 1);
    for (; i < lines.length; i++) {
      const l = lines[i];
      const d = sqlDepthOf(l);
      const t = tagDepthOf(l);
      // at most as deep as the first line (depths compare SQL first, then tags), or less deep in tags
      if (d < sql || (d === sql && t <= tag) || t < tag) {
        if (d === sql && t === tag && (closesBracketFromPreviousLine(l) || closesSimpleTagBlockFromPreviousLine(l) || isBlank(l))) continue;
        break;
      }
    }
    segs.push(lines.slice(start, i));
    start = i;
  }
  return segs;
}

export function headIndex(seg: Segment): number {
  return seg.findIndex((l) => !isBlank(l));
}

export function tailIndex(seg: Segment): number {
  for (let i = seg.length - 1; i >= 0; i--) if (!isBlank(seg[i])) return i;
  return -1;
}

export function tailClosesHead(seg: Segment): boolean {
  const h = headIndex(seg);
  const t = tailIndex(seg);
  if (seg.length < 2 || h < 0 || h === t) return false;
  const sql = sqlDepthOf(seg[h]);
  const tag = tagDepthOf(seg[h]);
  if (sqlDepthOf(seg[t]) !== sql || tagDepthOf(seg[t]) !== tag) return false;
  if (closesBracketFromPreviousLine(seg[t]) && allBetween(seg, h, t, (l) => sqlDepthOf(l) > sql)) return true;
  return closesSimpleTagBlockFromPreviousLine(seg[t]) && allBetween(seg, h, t, (l) => tagDepthOf(l) > tag);
}

function allBetween(seg: Segment, h: number, t: number, test: (line: SqlLine) => boolean): boolean {
  for (let i = h + 1; i < t; i++) if (!test(seg[i])) return false;
  return true;
}
