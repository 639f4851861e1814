import { PySyntaxError, PyToken, tokenize } from './pyTokenize';

/** black's delimiter priorities (highest splits first). */
export const PRIORITY = {
  COMPREHENSION: 20,
  COMMA: 18,
  TERNARY: 16,
  LOGIC: 14,
  STRING: 12,
  COMPARATOR: 10,
  DOT: 1,
} as const;
const MATH_PRIORITY: Readonly<Record<string, number>> = {
  '|': 9, '^': 8, '&': 7, '<<': 6, '>>': 6, '+': 5, '-': 5, '*': 4, '/': 4, '//': 4, '%': 4, '@': 4, '**': 1,
};

export type BracketOwner = 'atom' | 'trailer' | 'invisible';

export interface Leaf {
  value: string;
  isString: boolean;
  /** Whitespace printed before the leaf when it is not first on its line. */
  ws: string;
  /** Priority of splitting the line right before this leaf (0 = not a delimiter). */
  before: number;
  /** Priority of splitting right after this leaf (commas). */
  after?: number;
  open: boolean;
  close: boolean;
  owner?: BracketOwner;
  /** For a closing bracket: its partner. */
  partner?: Leaf;
  /** For a closing bracket: a comma right before it is a magic trailing comma. */
  magicComma?: boolean;
  /** `*`/`**` unpacking. */
  vararg?: boolean;
  /** An `=` of an assignment statement. */
  assign?: boolean;
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);
const ATOM_KEYWORDS = new Set(['False', 'None', 'True']);
const COMPARISON = new Set(['<', '>', '==', '>=', '<=', '!=']);
const AUG_ASSIGN = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=', '@=']);
const ARITH_LIKE = new Set(['+', '-', '<<', '>>', '^', '&']);

/** Summary of a parsed expression, used for spacing and invisible parentheses. */
interface Expr {
  start: number;
  /** Name, number, string, or attribute chain of names (for `**` spacing). */
  simple: boolean;
  /** The top-level operator class if the expression is a binary/boolean/ternary form. */
  top?: 'arith' | 'term' | 'ternary' | 'other';
  /** A parenthesised atom `( … )` (not a tuple). */
  parenAtom?: boolean;
}

/** Recursive-descent parser for the Python subset used in templates; emits black leaves. */
class Parser {
  private i = 0;
  private glue = true;
  readonly leaves: Leaf[] = [];

  constructor(private readonly toks: PyToken[]) {}

  private peek(o = 0): PyToken | undefined {
    return this.toks[this.i + o];
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.kind === 'op' && t.value === v;
  }
  private isName(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.kind === 'name' && t.value === v;
  }
  private fail(): never {
    throw new PySyntaxError(`unexpected token ${this.peek()?.value ?? 'end'}`);
  }

  /** Emits the current token. `wsBefore` false glues it to the previous leaf. */
  private emit(opts: { wsBefore?: boolean; glueAfter?: boolean; before?: number; value?: string } = {}): Leaf {
    const t = this.peek();
    if (!t) this.fail();
    this.i++;
    return this.push(opts.value ?? t.value, t.kind === 'string', opts);
  }

  private push(value: string, isString: boolean, opts: { wsBefore?: boolean; glueAfter?: boolean; before?: number } = {}): Leaf {
    const ws = this.glue || opts.wsBefore === false ? '' : ' ';
    const leaf: Leaf = { value, isString, ws, before: opts.before ?? 0, open: false, close: false };
    this.leaves.push(leaf);
    this.glue = opts.glueAfter === true;
    return leaf;
  }

  private openBracket(owner: BracketOwner, wsBefore: boolean): Leaf {
    const leaf = this.emit({ wsBefore, glueAfter: true });
    leaf.open = true;
    leaf.owner = owner;
    return leaf;
  }

  private closeBracket(open: Leaf, value: string, magicComma: boolean): Leaf {
    if (!this.isOp(value)) this.fail();
    const leaf = this.emit({ wsBefore: false });
    leaf.close = true;
    leaf.owner = open.owner;
    leaf.partner = open;
    leaf.magicComma = magicComma;
    return leaf;
  }

  /** Wraps leaves[start..] in invisible parentheses. */
  private wrapInvisible(start: number): void {
    const first = this.leaves[start];
    const open: Leaf = { value: '', isString: false, ws: first.ws, before: 0, open: true, close: false, owner: 'invisible' };
    first.ws = '';
    const close: Leaf = { value: '', isString: false, ws: '', before: 0, open: false, close: true, owner: 'invisible', partner: open };
    this.leaves.splice(start, 0, open);
    this.leaves.push(close);
  }

  parseStatement(): void {
    if (this.isName('import') || this.isName('from') || this.isName('del') || this.isName('return')) this.fail();
    let e = this.exprList(true);
    if (this.isOp('=')) {
      while (this.isOp('=')) {
        this.emit().assign = true;
        e = this.exprList(true);
      }
      this.invisibleRhs(e);
    } else if (this.peek()?.kind === 'op' && AUG_ASSIGN.has(this.peek()!.value)) {
      this.emit();
      this.invisibleRhs(this.exprList(true));
    } else if (e.top === 'arith' || e.top === 'ternary') {
      this.wrapInvisible(e.start);
    }
    if (this.i < this.toks.length) this.fail();
  }

  /** black puts the right-hand side of an assignment in invisible parentheses (redundant ones become invisible). */
  private invisibleRhs(e: Expr): void {
    if (e.parenAtom) {
      const open = this.leaves[e.start];
      const close = this.leaves[this.leaves.length - 1];
      open.value = '';
      open.owner = 'invisible';
      close.value = '';
      close.owner = 'invisible';
      if (this.leaves[e.start + 1]) this.leaves[e.start + 1].ws = '';
    } else {
      this.wrapInvisible(e.start);
    }
  }

  /** Comma-separated expressions (a tuple when there is a comma). */
  private exprList(allowStar: boolean): Expr {
    const start = this.leaves.length;
    const first = this.starOrTest(allowStar);
    if (!this.isOp(',')) return first;
    while (this.isOp(',')) {
      this.emit({ wsBefore: false });
      this.markComma();
      if (this.atExprEnd()) break;
      this.starOrTest(allowStar);
    }
    return { start, simple: false, top: 'other' };
  }

  /** Commas split after themselves. */
  private markComma(): void {
    this.leaves[this.leaves.length - 1].after = PRIORITY.COMMA;
  }

  private atExprEnd(): boolean {
    const t = this.peek();
    return t === undefined || (t.kind === 'op' && [')', ']', '}', '=', ':'].includes(t.value)) || (t.kind === 'op' && AUG_ASSIGN.has(t.value));
  }

  private starOrTest(allowStar: boolean): Expr {
    if (allowStar && (this.isOp('*') || this.isOp('**'))) {
      const start = this.leaves.length;
      this.emit({ glueAfter: true }).vararg = true;
      this.test();
      return { start, simple: false, top: 'other' };
    }
    return this.test();
  }

  test(): Expr {
    if (this.isName('lambda')) return this.lambda();
    const start = this.leaves.length;
    const cond = this.orTest();
    if (this.isName('if') && !this.inComprehensionIf) {
      this.emit({ before: PRIORITY.TERNARY });
      this.orTest();
      if (!this.isName('else')) this.fail();
      this.emit({ before: PRIORITY.TERNARY });
      this.test();
      return { start, simple: false, top: 'ternary' };
    }
    return cond;
  }

  private inComprehensionIf = false;

  private lambda(): Expr {
    const start = this.leaves.length;
    this.emit();
    while (!this.isOp(':')) {
      if (this.isOp('*') || this.isOp('**')) this.emit({ glueAfter: true }).vararg = true;
      const t = this.peek();
      if (!t || t.kind !== 'name' || KEYWORDS.has(t.value)) this.fail();
      this.emit();
      if (this.isOp('=')) {
        this.emit({ wsBefore: false, glueAfter: true });
        this.test();
      }
      if (!this.isOp(',')) break;
      this.emit({ wsBefore: false });
    }
    if (!this.isOp(':')) this.fail();
    this.emit({ wsBefore: false });
    this.test();
    return { start, simple: false, top: 'other' };
  }

  private orTest(): Expr {
    const start = this.leaves.length;
    const e = this.andTest();
    if (!this.isName('or')) return e;
    while (this.isName('or')) {
      this.emit({ before: PRIORITY.LOGIC });
      this.andTest();
    }
    return { start, simple: false, top: 'other' };
  }

  private andTest(): Expr {
    const start = this.leaves.length;
    const e = this.notTest();
    if (!this.isName('and')) return e;
    while (this.isName('and')) {
      this.emit({ before: PRIORITY.LOGIC });
      this.notTest();
    }
    return { start, simple: false, top: 'other' };
  }

  private notTest(): Expr {
    if (this.isName('not')) {
      const start = this.leaves.length;
      this.emit();
      this.notTest();
      return { start, simple: false, top: 'other' };
    }
    return this.comparison();
  }

  private comparisonOperator(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.kind === 'op') return COMPARISON.has(t.value);
    if (t.value === 'in' || t.value === 'is') return true;
    return t.value === 'not' && this.isName('in', 1);
  }

  private comparison(): Expr {
    const start = this.leaves.length;
    const e = this.binary(0);
    if (!this.comparisonOperator()) return e;
    while (this.comparisonOperator()) {
      const t = this.peek()!;
      this.emit({ before: PRIORITY.COMPARATOR });
      if (t.value === 'not' || (t.value === 'is' && this.isName('not'))) this.emit();
      this.binary(0);
    }
    return { start, simple: false, top: 'other' };
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@'],
  ];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.factor();
    const ops = Parser.LEVELS[level];
    const start = this.leaves.length;
    const e = this.binary(level + 1);
    const isOpHere = (): boolean => this.peek()?.kind === 'op' && ops.includes(this.peek()!.value);
    if (!isOpHere()) return e;
    let arith = false;
    while (isOpHere()) {
      const op = this.peek()!.value;
      if (ARITH_LIKE.has(op)) arith = true;
      this.emit({ before: MATH_PRIORITY[op] });
      this.binary(level + 1);
    }
    return { start, simple: false, top: arith ? 'arith' : 'term' };
  }

  private factor(): Expr {
    if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
      const start = this.leaves.length;
      this.emit({ glueAfter: true });
      const operand = this.factor();
      return { start, simple: operand.simple && this.leaves.length - start === 2, top: undefined };
    }
    return this.power();
  }

  private power(): Expr {
    const start = this.leaves.length;
    if (this.isName('await')) this.emit();
    const base = this.atomWithTrailers();
    if (!this.isOp('**')) return base;
    // `**` hugs simple operands: look ahead at the operand to decide
    const opLeaf = this.emit({ before: MATH_PRIORITY['**'] });
    const operandStart = this.leaves.length;
    const exp = this.factor();
    if (base.simple && exp.simple) {
      opLeaf.ws = '';
      this.leaves[operandStart].ws = '';
    }
    return { start, simple: false, top: 'term' };
  }

  private atomWithTrailers(): Expr {
    const start = this.leaves.length;
    const atom = this.atom();
    let simple = atom.simple;
    let parenAtom = atom.parenAtom;
    let prevClose = false;
    for (;;) {
      if (this.isOp('(')) {
        const open = this.openBracket('trailer', false);
        const magic = this.argList(')');
        this.closeBracket(open, ')', magic);
        simple = false;
      } else if (this.isOp('[')) {
        const open = this.openBracket('trailer', false);
        const magic = this.subscriptList();
        this.closeBracket(open, ']', magic);
        simple = false;
      } else if (this.isOp('.')) {
        this.emit({ wsBefore: false, glueAfter: true, before: prevClose ? PRIORITY.DOT : 0 });
        const t = this.peek();
        if (!t || t.kind !== 'name') this.fail();
        this.emit();
      } else break;
      parenAtom = false;
      prevClose = this.leaves[this.leaves.length - 1].close;
    }
    return { start, simple, parenAtom };
  }

  private atom(): Expr {
    const start = this.leaves.length;
    const t = this.peek();
    if (!t) this.fail();
    if (t.kind === 'number') {
      this.emit();
      return { start, simple: true };
    }
    if (t.kind === 'string') {
      this.emit();
      while (this.peek()?.kind === 'string') this.emit({ before: PRIORITY.STRING });
      return { start, simple: false };
    }
    if (t.kind === 'name') {
      if (KEYWORDS.has(t.value) && !ATOM_KEYWORDS.has(t.value)) this.fail();
      this.emit();
      return { start, simple: true };
    }
    if (t.value === '...') {
      this.emit();
      return { start, simple: false };
    }
    if (t.value === '(') {
      const open = this.openBracket('atom', true);
      if (this.isOp(')')) {
        this.closeBracket(open, ')', false);
        return { start, simple: false };
      }
      const { count, trailingComma, comprehension } = this.testListComp(')');
      const tuple = count > 1 || trailingComma;
      this.closeBracket(open, ')', trailingComma && count > 1);
      return { start, simple: false, parenAtom: !tuple && !comprehension };
    }
    if (t.value === '[') {
      const open = this.openBracket('atom', true);
      const { trailingComma } = this.isOp(']') ? { trailingComma: false } : this.testListComp(']');
      this.closeBracket(open, ']', trailingComma);
      return { start, simple: false };
    }
    if (t.value === '{') {
      const open = this.openBracket('atom', true);
      const magic = this.isOp('}') ? false : this.dictOrSet();
      this.closeBracket(open, '}', magic);
      return { start, simple: false };
    }
    this.fail();
  }

  /** Elements of a tuple/list: `a, b, c` or a comprehension. */
  private testListComp(close: string): { count: number; trailingComma: boolean; comprehension: boolean } {
    this.starOrTest(true);
    if (this.isName('for') || this.isName('async')) {
      this.compFor();
      return { count: 1, trailingComma: false, comprehension: true };
    }
    let count = 1;
    let trailingComma = false;
    while (this.isOp(',')) {
      this.emit({ wsBefore: false });
      this.markComma();
      if (this.isOp(close)) {
        trailingComma = true;
        break;
      }
      this.starOrTest(true);
      count++;
    }
    return { count, trailingComma, comprehension: false };
  }

  private compFor(): void {
    while (this.isName('for') || this.isName('async')) {
      if (this.isName('async')) this.emit({ before: PRIORITY.COMPREHENSION });
      this.emit({ before: this.leaves[this.leaves.length - 1].value === 'async' ? 0 : PRIORITY.COMPREHENSION });
      this.targetList();
      if (!this.isName('in')) this.fail();
      this.emit();
      this.orTest();
      while (this.isName('if')) {
        this.emit({ before: PRIORITY.COMPREHENSION });
        const saved = this.inComprehensionIf;
        this.inComprehensionIf = true;
        this.orTest();
        this.inComprehensionIf = saved;
      }
    }
  }

  private targetList(): void {
    this.binary(0);
    while (this.isOp(',')) {
      this.emit({ wsBefore: false });
      if (this.isName('in')) break;
      this.binary(0);
    }
  }

  private dictOrSet(): boolean {
    let trailingComma = false;
    let first = true;
    for (;;) {
      if (this.isOp('**')) {
        this.emit({ glueAfter: true }).vararg = true;
        this.binary(0);
      } else {
        this.starOrTest(true);
        if (this.isOp(':')) {
          this.emit({ wsBefore: false });
          this.test();
        }
      }
      if (first && (this.isName('for') || this.isName('async'))) {
        this.compFor();
        return false;
      }
      first = false;
      if (!this.isOp(',')) break;
      this.emit({ wsBefore: false });
      this.markComma();
      if (this.isOp('}')) {
        trailingComma = true;
        break;
      }
    }
    return trailingComma;
  }

  /** Call arguments; returns whether there is a magic trailing comma. */
  private argList(close: string): boolean {
    let trailingComma = false;
    while (!this.isOp(close)) {
      const t = this.peek();
      if (!t) this.fail();
      if (this.isOp('*') || this.isOp('**')) {
        this.emit({ glueAfter: true }).vararg = true;
        this.test();
      } else if (t.kind === 'name' && this.isOp('=', 1)) {
        this.emit();
        this.emit({ wsBefore: false, glueAfter: true });
        this.test();
      } else {
        this.test();
        if (this.isName('for') || this.isName('async')) this.compFor();
        else if (this.isOp(':=')) {
          this.emit();
          this.test();
        }
      }
      trailingComma = false;
      if (!this.isOp(',')) break;
      this.emit({ wsBefore: false });
      this.markComma();
      trailingComma = true;
    }
    return trailingComma;
  }

  /** Subscripts and slices; returns whether there is a magic trailing comma. */
  private subscriptList(): boolean {
    let count = 0;
    let trailingComma = false;
    while (!this.isOp(']')) {
      this.subscript();
      count++;
      trailingComma = false;
      if (!this.isOp(',')) break;
      this.emit({ wsBefore: false });
      this.markComma();
      trailingComma = true;
    }
    return trailingComma && count > 1;
  }

  private subscript(): void {
    const start = this.leaves.length;
    const colons: Leaf[] = [];
    if (!this.isOp(':')) this.test();
    while (this.isOp(':') && colons.length < 2) {
      colons.push(this.emit({ wsBefore: false, glueAfter: true }));
      if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) this.test();
    }
    if (colons.length === 0) return;
    // black treats the colon of a non-trivial slice like a binary operator
    const complex = this.leaves.slice(start).some((l) => !l.isString && !/^[\p{L}\p{N}_.]*$/u.test(l.value) && !colons.includes(l));
    if (!complex) return;
    for (const c of colons) {
      const idx = this.leaves.indexOf(c);
      const before = this.leaves[idx - 1];
      const after = this.leaves[idx + 1];
      if (before && !before.open && idx > start) c.ws = ' ';
      if (after && idx + 1 < this.leaves.length && !after.close && after.value !== ':' && after.value !== ',') after.ws = ' ';
    }
  }
}

/** Parses one statement of code and returns its leaves. Throws PySyntaxError if it is not valid. */
export function parseToLeaves(code: string): Leaf[] {
  const { tokens, newlines } = tokenize(code);
  if (newlines.length) throw new PySyntaxError('multiple statements');
  if (tokens.length === 0) throw new PySyntaxError('empty');
  const p = new Parser(tokens);
  p.parseStatement();
  return p.leaves;
}
