import {
  closesBracketFromPreviousLine,
  closesSimpleTagBlockFromPreviousLine,
  compareDepth,
  isBlank,
  isStandaloneOperator,
  lineDepth,
} from './lines';
import { SqlLine } from './types';

export type Segment = SqlLine[];

/** §8.2: a line followed by everything more deeply nested under it. */
export function splitIntoSegments(lines: SqlLine[]): Segment[] {
  const segs: Segment[] = [];
  let start = 0;
  while (start < lines.length) {
    const target = lineDepth(lines[start]);
    let i = start + (isStandaloneOperator(lines[start]) ? 2 : 1);
    for (; i < lines.length; i++) {
      const l = lines[i];
      const d = lineDepth(l);
      const c = compareDepth(d, target);
      if (c <= 0 || d[1] < target[1]) {
        if (c === 0 && (closesBracketFromPreviousLine(l) || closesSimpleTagBlockFromPreviousLine(l) || isBlank(l))) continue;
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
  const hd = lineDepth(seg[h]);
  if (compareDepth(lineDepth(seg[t]), hd) !== 0) return false;
  const between = seg.slice(h + 1, t);
  if (closesBracketFromPreviousLine(seg[t]) && between.every((l) => lineDepth(l)[0] > hd[0])) return true;
  return closesSimpleTagBlockFromPreviousLine(seg[t]) && between.every((l) => lineDepth(l)[1] > hd[1]);
}
