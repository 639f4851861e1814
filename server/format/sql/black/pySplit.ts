import { Leaf, PRIORITY } from './pyLeaves';
import {
  CannotSplit,
  countPriority,
  delimiters,
  hasMagicTrailingComma,
  isShortEnough,
  leafLength,
  lineStr,
  makeLine,
  maxPriority,
  PyLine,
  shouldSplitBody,
} from './pyLines';

/** The part of black's line generator used for template code (§6.6). */
export class LineSplitter {
  constructor(private readonly limit: number) {}

  transformLine(line: PyLine): PyLine[] {
    const s = lineStr(line);
    if (!line.shouldSplitRhs && !hasMagicTrailingComma(line) && isShortEnough(line, this.limit)) return [line];
    const transformers: ((l: PyLine, force: boolean) => PyLine[])[] = line.insideBrackets
      ? [(l) => this.delimiterSplit(l), (l, f) => this.rhs(l, f)]
      : [(l, f) => this.rhs(l, f)];
    for (let t = 0; t < transformers.length; t++) {
      try {
        return this.runTransformer(line, transformers[t], t === transformers.length - 1, s, false);
      } catch (e) {
        if (!(e instanceof CannotSplit)) throw e;
      }
    }
    return [line];
  }

  private runTransformer(
    line: PyLine,
    transform: (l: PyLine, force: boolean) => PyLine[],
    isRhs: boolean,
    s: string,
    force: boolean,
  ): PyLine[] {
    const result: PyLine[] = [];
    for (const tl of transform(line, force)) {
      if (lineStr(tl) === s) throw new CannotSplit('unchanged result');
      result.push(...this.transformLine(tl));
    }
    const invisible = line.leaves.filter((l) => l.owner === 'invisible');
    if (
      isRhs &&
      !force &&
      invisible.length > 0 &&
      invisible.every((l) => l.value === '') &&
      !isShortEnough(result[0], this.limit)
    ) {
      const second = this.runTransformer({ ...line, leaves: line.leaves.slice() }, transform, isRhs, s, true);
      if (second.every((l) => isShortEnough(l, this.limit))) return second;
    }
    return result;
  }

  private delimiterSplit(line: PyLine): PyLine[] {
    const leaves = line.leaves;
    if (leaves.length === 0) throw new CannotSplit('empty line');
    const d = delimiters(line);
    const max = maxPriority(d, leaves.length - 1);
    if (max === 0) throw new CannotSplit('no delimiters');
    if (max === PRIORITY.DOT && countPriority(d, max) === 1) throw new CannotSplit('single attribute');
    let trailingCommaSafe = true;
    let depth = 0;
    const out: PyLine[] = [];
    let current: Leaf[] = [];
    leaves.forEach((leaf, i) => {
      if (leaf.close) depth--;
      // without detected target versions, a trailing comma after *args/**kwargs is not allowed
      if (depth === 0 && leaf.vararg) trailingCommaSafe = false;
      if (leaf.open) depth++;
      current.push(leaf);
      if (d.get(i) === max) {
        out.push(makeLine(line.depth, current, line.insideBrackets));
        current = [];
      }
    });
    if (current.length) {
      const last = leaves[leaves.length - 1];
      if (trailingCommaSafe && max === PRIORITY.COMMA && last.value !== ',') {
        current.push({ value: ',', isString: false, ws: '', before: 0, after: PRIORITY.COMMA, open: false, close: false });
      }
      out.push(makeLine(line.depth, current, line.insideBrackets));
    }
    return out;
  }

  private rhs(line: PyLine, force: boolean): PyLine[] {
    for (const omit of this.trailersToOmit(line)) {
      const lines = this.rightHandSplit(line, force, omit);
      if (isShortEnough(lines[0], this.limit)) return lines;
    }
    return this.rightHandSplit(line, force, new Set());
  }

  private *trailersToOmit(line: PyLine): Generator<Set<Leaf>> {
    const omit = new Set<Leaf>();
    if (!hasMagicTrailingComma(line)) yield new Set(omit);
    let length = 4 * line.depth;
    let opening: Leaf | undefined;
    let closing: Leaf | undefined;
    let inner: Leaf[] = [];
    const leaves = line.leaves;
    for (let i = leaves.length - 1; i >= 0; i--) {
      const leaf = leaves[i];
      length += leafLength(line, i);
      if (length > this.limit) break;
      if (opening) {
        if (leaf === opening) opening = undefined;
        else if (leaf.close) inner.push(leaf);
      } else if (leaf.close) {
        const prev = i > 0 ? leaves[i - 1] : undefined;
        if (prev && prev.open) {
          inner.push(leaf);
          continue;
        }
        if (closing) {
          omit.add(closing);
          for (const l of inner) omit.add(l);
          inner = [];
          yield new Set(omit);
        }
        if (prev && prev.value === ',' && leaf.magicComma) break;
        if (leaf.value) {
          opening = leaf.partner;
          closing = leaf;
        }
      }
    }
  }

  private firstRhs(line: PyLine, omit: Set<Leaf>): { head: PyLine; body: PyLine; tail: PyLine; opening: Leaf; closing: Leaf } {
    const tail: Leaf[] = [];
    const body: Leaf[] = [];
    const head: Leaf[] = [];
    let current = tail;
    let opening: Leaf | undefined;
    let closing: Leaf | undefined;
    for (let i = line.leaves.length - 1; i >= 0; i--) {
      const leaf = line.leaves[i];
      if (current === body && leaf === opening) current = body.length ? head : tail;
      current.push(leaf);
      if (current === tail && leaf.close && !omit.has(leaf)) {
        opening = leaf.partner;
        closing = leaf;
        current = body;
      }
    }
    if (!opening || !closing || head.length === 0) throw new CannotSplit('no brackets found');
    tail.reverse();
    body.reverse();
    head.reverse();
    const bodyLine = makeLine(line.depth + 1, body, true);
    bodyLine.shouldSplitRhs = shouldSplitBody(bodyLine, opening);
    return {
      head: makeLine(line.depth, head, false),
      body: bodyLine,
      tail: makeLine(line.depth, tail, false),
      opening,
      closing,
    };
  }

  private rightHandSplit(line: PyLine, force: boolean, omit: Set<Leaf>): PyLine[] {
    return this.maybeSplitOmittingOptionalParens(this.firstRhs(line, omit), line, force, omit);
  }

  private maybeSplitOmittingOptionalParens(
    rhs: ReturnType<LineSplitter['firstRhs']>,
    line: PyLine,
    force: boolean,
    omit: Set<Leaf>,
  ): PyLine[] {
    if (!force && rhs.opening.owner === 'invisible' && rhs.opening.value === '' && rhs.closing.value === '' && this.canOmitInvisibleParens(rhs)) {
      const omit2 = new Set(omit).add(rhs.closing);
      try {
        const oop = this.firstRhs(line, omit2);
        if (this.preferSplitRhsOop(oop, rhs)) return this.maybeSplitOmittingOptionalParens(oop, line, force, omit2);
      } catch (e) {
        if (!(e instanceof CannotSplit)) throw e;
        if (!canBeSplit(rhs.body) && isShortEnough(rhs.body, this.limit)) throw new CannotSplit('omitting optional parens failed');
      }
    }
    if (rhs.opening.owner === 'invisible') {
      rhs.opening.value = '(';
      rhs.closing.value = ')';
    }
    if (rhs.body.leaves.length === 0 && lineStr(rhs.tail).trim().length < 3) throw new CannotSplit('not worth it');
    return [rhs.head, rhs.body, rhs.tail].filter((l) => l.leaves.length > 0);
  }

  private preferSplitRhsOop(oop: ReturnType<LineSplitter['firstRhs']>, rhs: ReturnType<LineSplitter['firstRhs']>): boolean {
    const h = rhs.head.leaves;
    if (!(h.length >= 2 && h[h.length - 2].assign)) return true;
    if (!h.slice(0, -1).some((l) => l.open || l.close)) return true;
    if (!isShortEnough(rhs.head, this.limit - 1)) return true;
    if (hasMagicTrailingComma(rhs.head)) return true;
    let closingAfterAssign = false;
    for (let i = oop.head.leaves.length - 1; i >= 0; i--) {
      const l = oop.head.leaves[i];
      if (l.assign) break;
      if (l.close) {
        closingAfterAssign = true;
        break;
      }
    }
    return closingAfterAssign || (oop.head.leaves.some((l) => l.assign) && isShortEnough(oop.head, this.limit));
  }

  private canOmitInvisibleParens(rhs: ReturnType<LineSplitter['firstRhs']>): boolean {
    const line = rhs.body;
    const d = delimiters(line);
    if (d.size === 0) return true;
    const max = maxPriority(d);
    if (countPriority(d, max) > 1) return false;
    if (max === PRIORITY.DOT) return true;
    const leaves = line.leaves;
    if (leaves.length < 2) return false;
    const first = leaves[0];
    if (first.open && !leaves[1].close && this.canOmitOpeningParen(line, first)) return true;
    const penultimate = leaves[leaves.length - 2];
    const last = leaves[leaves.length - 1];
    if (last.value === ')' || last.value === '}' || (last.value === ']' && last.owner !== 'trailer')) {
      if (penultimate.open) return false;
      if (this.canOmitClosingParen(line, last)) return true;
    }
    return false;
  }

  private canOmitOpeningParen(line: PyLine, first: Leaf): boolean {
    let remainder = false;
    let length = 4 * line.depth;
    let index = -1;
    for (let i = 0; i < line.leaves.length; i++) {
      index = i;
      const leaf = line.leaves[i];
      if (leaf.close && leaf.partner === first) remainder = true;
      if (remainder) {
        length += leafLength(line, i);
        if (length > this.limit) return false;
        if (leaf.open) remainder = false;
      }
    }
    return line.leaves.length === index + 1;
  }

  private canOmitClosingParen(line: PyLine, last: Leaf): boolean {
    let length = 4 * line.depth;
    let seenOther = false;
    for (let i = 0; i < line.leaves.length; i++) {
      const leaf = line.leaves[i];
      length += leafLength(line, i);
      if (leaf === last.partner) {
        if (seenOther || length <= this.limit) return true;
      } else if (leaf.open) seenOther = true;
    }
    return false;
  }
}

function canBeSplit(line: PyLine): boolean {
  return line.leaves.length >= 2;
}
