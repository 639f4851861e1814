// Tokenizer and recursive-descent parser for the Python subset used in templates.
import type { Comprehension, Keyword, Node, Statement } from './ast';
import { PyError, pyFloat } from './values';

type Tok =
  | { t: 'name'; v: string; pos: number }
  | { t: 'num'; v: bigint | number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; v: ''; pos: number };

const OPS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '==', '<=', '>=', '//', '**', '<<', '>>', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '->', ':=', '+', '-', '*', '/', '%', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '=',
  '&', '|', '^', '~', '@', ';',
];

/** A Python syntax error with a bare message (the caller adds Python's location suffix). */
export class PySyntaxError extends PyError {
  constructor(message: string) {
    super('SyntaxError', message);
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
};

function decodeString(body: string, raw: boolean): string {
  if (raw) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n in ESCAPES) {
      out += ESCAPES[n];
      i++;
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PySyntaxError('(unicode error) truncated escape');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + len;
    } else out += c;
  }
  return out;
}

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r' || (c === '\n' && depth > 0)) {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'op', v: '\n', pos: i });
      i++;
      continue;
    }
    const strStart = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (strStart && /^(|[rR]|[bB]|[uU]|[fF]|[rR][bBfF]|[bBfF][rR])$/.test(strStart[1])) {
      const prefix = strStart[1].toLowerCase();
      const q = strStart[2];
      let j = i + strStart[0].length;
      let body = '';
      for (;;) {
        if (j >= src.length || (q.length === 1 && src[j] === '\n')) {
          throw new PySyntaxError(
            q.length === 1 ? 'unterminated string literal (detected at line 1)' : 'unterminated triple-quoted string literal',
          );
        }
        if (src[j] === '\\') {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (src.startsWith(q, j)) break;
        body += src[j++];
      }
      if (prefix.includes('b')) throw new PySyntaxError('bytes');
      toks.push({ t: 'str', v: decodeString(body, prefix.includes('r')), pos: i });
      i = j + q.length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)([jJ])?/.exec(
      src.slice(i),
    );
    if (num && num[0] !== '.' && /[\d]/.test(num[0][0] === '.' ? num[0][1] : num[0][0])) {
      if (num[2]) throw new PySyntaxError('complex');
      const text = num[1].replace(/_/g, '');
      const isFloat = !/^0[xXoObB]/.test(text) && /[.eE]/.test(text);
      toks.push({ t: 'num', v: isFloat ? pyFloat(text) : BigInt(text), pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i));
    if (name) {
      toks.push({ t: 'name', v: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new PySyntaxError('invalid syntax');
    if ('([{'.includes(op)) depth++;
    if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    toks.push({ t: 'op', v: op, pos: i });
    i += op.length;
  }
  toks.push({ t: 'end', v: '', pos: src.length });
  return toks;
}

const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield', 'None', 'True', 'False',
]);
const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const AUG_OPS = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '&=', '|=', '^=', '>>=', '<<=']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }
  private isKw(v: string): boolean {
    return this.tok.t === 'name' && this.tok.v === v;
  }
  eat(v: string): boolean {
    if ((this.tok.t === 'op' || this.tok.t === 'name') && this.tok.v === v) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(v: string): void {
    if (!this.eat(v)) throw this.fail(v === ':' ? "expected ':'" : 'invalid syntax');
  }
  fail(message = 'invalid syntax'): PySyntaxError {
    return new PySyntaxError(message);
  }
  atEnd(): boolean {
    while (this.isOp('\n')) this.i++;
    return this.tok.t === 'end';
  }

  /** `a, b, c` (a tuple when there is a comma). */
  exprList(allowStar = false): Node {
    const first = this.element(allowStar);
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eat(',')) {
      if (this.endsList()) break;
      elts.push(this.element(allowStar));
    }
    return { k: 'Tuple', elts };
  }
  private endsList(): boolean {
    const t = this.tok;
    return t.t === 'end' || (t.t === 'op' && [')', ']', '}', '=', '\n', ':', ';'].includes(t.v)) || (t.t === 'op' && AUG_OPS.has(t.v)) || this.isKw('in');
  }
  private element(allowStar: boolean): Node {
    if (this.isOp('*')) {
      this.i++;
      if (!allowStar) throw this.fail();
      return { k: 'Starred', value: this.orExpr() };
    }
    return this.expr();
  }

  expr(): Node {
    if (this.isKw('lambda')) throw this.fail();
    const body = this.orTest();
    if (this.isKw('if')) {
      this.i++;
      const test = this.orTest();
      if (!this.eat('else')) throw this.fail("expected 'else' after 'if' expression");
      return { k: 'IfExp', test, body, orelse: this.expr() };
    }
    if (this.isOp(':=')) throw this.fail();
    return body;
  }
  private orTest(): Node {
    const first = this.andTest();
    if (!this.isKw('or')) return first;
    const values = [first];
    while (this.eat('or')) values.push(this.andTest());
    return { k: 'BoolOp', op: 'or', values };
  }
  private andTest(): Node {
    const first = this.notTest();
    if (!this.isKw('and')) return first;
    const values = [first];
    while (this.eat('and')) values.push(this.notTest());
    return { k: 'BoolOp', op: 'and', values };
  }
  private notTest(): Node {
    if (this.eat('not')) return { k: 'UnaryOp', op: 'Not', operand: this.notTest() };
    return this.comparison();
  }
  private comparison(): Node {
    const left = this.orExpr();
    const ops: string[] = [];
    const comparators: Node[] = [];
    for (;;) {
      const t = this.tok;
      let op: string | undefined;
      if (t.t === 'op' && COMPARE_OPS.has(t.v)) {
        op = t.v;
        this.i++;
      } else if (this.isKw('in')) {
        op = 'in';
        this.i++;
      } else if (this.isKw('not') && this.toks[this.i + 1].t === 'name' && this.toks[this.i + 1].v === 'in') {
        op = 'not in';
        this.i += 2;
      } else if (this.isKw('is')) {
        this.i++;
        op = this.eat('not') ? 'is not' : 'is';
      }
      if (!op) break;
      ops.push(op);
      comparators.push(this.orExpr());
    }
    return ops.length ? { k: 'Compare', left, ops, comparators } : left;
  }
  private binary(next: () => Node, ops: Record<string, string>): Node {
    let left = next();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op' || !(t.v in ops)) return left;
      this.i++;
      left = { k: 'BinOp', op: ops[t.v], left, right: next() };
    }
  }
  orExpr = (): Node => this.binary(this.xorExpr, { '|': 'BitOr' });
  private xorExpr = (): Node => this.binary(this.andExpr, { '^': 'BitXor' });
  private andExpr = (): Node => this.binary(this.shiftExpr, { '&': 'BitAnd' });
  private shiftExpr = (): Node => this.binary(this.arith, { '<<': 'LShift', '>>': 'RShift' });
  private arith = (): Node => this.binary(this.term, { '+': 'Add', '-': 'Sub' });
  private term = (): Node =>
    this.binary(this.factor, { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' });
  private factor = (): Node => {
    const t = this.tok;
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '~')) {
      this.i++;
      return { k: 'UnaryOp', op: t.v === '-' ? 'USub' : t.v === '+' ? 'UAdd' : 'Invert', operand: this.factor() };
    }
    return this.power();
  };
  private power(): Node {
    const base = this.primary();
    if (this.eat('**')) return { k: 'BinOp', op: 'Pow', left: base, right: this.factor() };
    return base;
  }
  private primary(): Node {
    let node = this.atom();
    for (;;) {
      if (this.eat('(')) node = this.call(node);
      else if (this.eat('[')) {
        const slice = this.subscript();
        this.expect(']');
        node = { k: 'Subscript', value: node, slice };
      } else if (this.eat('.')) {
        const t = this.tok;
        if (t.t !== 'name') throw this.fail();
        this.i++;
        node = { k: 'Attribute', value: node, attr: t.v };
      } else return node;
    }
  }
  private call(func: Node): Node {
    const args: Node[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      if (this.eat('**')) keywords.push({ k: 'keyword', arg: null, value: this.expr() });
      else if (this.tok.t === 'name' && this.toks[this.i + 1].t === 'op' && this.toks[this.i + 1].v === '=') {
        const arg = this.tok.v;
        this.i += 2;
        keywords.push({ k: 'keyword', arg, value: this.expr() });
      } else {
        if (keywords.length && !this.isOp('*')) throw this.fail('positional argument follows keyword argument');
        const e = this.element(true);
        if (this.isKw('for')) args.push(this.comprehension(e));
        else args.push(e);
      }
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return { k: 'Call', func, args, keywords };
  }
  private subscript(): Node {
    const one = (): Node => {
      let lower: Node | null = null;
      if (!this.isOp(':')) {
        lower = this.expr();
        if (!this.isOp(':')) return lower;
      }
      this.i++;
      const upper = this.isOp(':') || this.isOp(']') || this.isOp(',') ? null : this.expr();
      let step: Node | null = null;
      if (this.eat(':') && !this.isOp(']') && !this.isOp(',')) step = this.expr();
      return { k: 'Slice', lower, upper, step };
    };
    const first = one();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eat(',') && !this.isOp(']')) elts.push(one());
    return { k: 'Tuple', elts };
  }
  private comprehension(elt: Node): Node {
    const generators: Comprehension[] = [];
    while (this.eat('for')) {
      const target = this.targetList();
      this.expect('in');
      const iter = this.orTest();
      const ifs: Node[] = [];
      while (this.eat('if')) ifs.push(this.orTest());
      generators.push({ target, iter, ifs });
    }
    return { k: 'ListComp', elt, generators };
  }
  targetList(): Node {
    const one = (): Node => (this.eat('*') ? { k: 'Starred', value: this.orExpr() } : this.orExpr());
    const first = one();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eat(',') && !this.isKw('in') && !this.isOp('=')) elts.push(one());
    return { k: 'Tuple', elts };
  }
  private atom(): Node {
    const t = this.tok;
    if (t.t === 'num') {
      this.i++;
      return { k: 'Constant', value: t.v };
    }
    if (t.t === 'str') {
      let s = '';
      while (this.tok.t === 'str') s += (this.toks[this.i++] as { v: string }).v;
      return { k: 'Constant', value: s };
    }
    if (t.t === 'name') {
      this.i++;
      if (t.v === 'None') return { k: 'Constant', value: null };
      if (t.v === 'True') return { k: 'Constant', value: true };
      if (t.v === 'False') return { k: 'Constant', value: false };
      if (KEYWORDS.has(t.v)) throw this.fail();
      return { k: 'Name', id: t.v };
    }
    if (t.t === 'op') {
      this.i++;
      if (t.v === '(') {
        if (this.eat(')')) return { k: 'Tuple', elts: [] };
        const first = this.element(true);
        if (this.isKw('for')) {
          const comp = this.comprehension(first);
          this.expect(')');
          return comp;
        }
        if (this.eat(')')) return first;
        const elts = [first];
        while (this.eat(',') && !this.isOp(')')) elts.push(this.element(true));
        this.expect(')');
        return { k: 'Tuple', elts };
      }
      if (t.v === '[') {
        const elts: Node[] = [];
        while (!this.isOp(']')) {
          const e = this.element(true);
          if (this.isKw('for')) {
            const comp = this.comprehension(e);
            this.expect(']');
            return comp;
          }
          elts.push(e);
          if (!this.eat(',')) break;
        }
        this.expect(']');
        return { k: 'List', elts };
      }
      if (t.v === '{') {
        if (this.eat('}')) return { k: 'Dict', keys: [], values: [] };
        const first = this.expr();
        if (this.eat(':')) {
          const keys = [first];
          const values = [this.expr()];
          while (this.eat(',') && !this.isOp('}')) {
            keys.push(this.expr());
            this.expect(':');
            values.push(this.expr());
          }
          this.expect('}');
          return { k: 'Dict', keys, values };
        }
        const elts = [first];
        while (this.eat(',') && !this.isOp('}')) elts.push(this.expr());
        this.expect('}');
        return { k: 'Set', elts };
      }
      if (t.v === '...') return { k: 'Constant', value: { ellipsis: true } as never };
    }
    throw this.fail();
  }

  statement(): Statement {
    const first = this.exprList(true);
    if (this.tok.t === 'op' && AUG_OPS.has(this.tok.v)) {
      const op = this.tok.v;
      this.i++;
      return { k: 'AugAssign', target: first, op, value: this.exprList(true) };
    }
    if (!this.isOp('=')) return { k: 'Expr', value: first };
    const targets = [first];
    let value = first;
    while (this.eat('=')) {
      value = this.exprList(true);
      targets.push(value);
    }
    targets.pop();
    return { k: 'Assign', targets, value };
  }
}

function finish<T>(p: Parser, value: T): T {
  if (!p.atEnd()) throw p.fail();
  return value;
}

/** Parses an expression (a tuple when it has top-level commas). */
export function parseExpression(src: string): Node {
  const p = new Parser(tokenize(src));
  if (p.atEnd()) throw p.fail();
  return finish(p, p.exprList(true));
}

export function parseStatement(src: string): Statement {
  const p = new Parser(tokenize(src));
  return finish(p, p.statement());
}

/** `TARGET in EXPR` of a `{% for %}`. */
export function parseForHeader(src: string): { target: Node; iter: Node } {
  const p = new Parser(tokenize(src));
  const target = p.targetList();
  if (!p.eat("in")) throw p.fail();
  return finish(p, { target, iter: p.exprList(true) });
}
