// Evaluation of the Python subset: expressions, `{% set %}` statements, methods and builtins.
import type { Node, Statement } from './ast';
import {
  PyDict, PyError, PyFunc, PySet, PyTuple, Placeholder, binaryOp, contains, floatValue,
  intValue, iterate, pyEquals, pyFloat, pyOrder, repr, str, strValue, truthy, typeName, unaryOp, type Value,
} from './values';

/** Name resolution of the compiled template function: locals, then the namespace, then builtins. */
export class Scope {
  readonly locals = new Map<string, Value>();
  constructor(
    readonly localNames: ReadonlySet<string>,
    readonly globals: Map<string, Value>,
    private readonly overlay?: Map<string, Value>,
    private readonly parent?: Scope,
  ) {}

  child(bindings: Map<string, Value>): Scope {
    return new Scope(this.localNames, this.globals, bindings, this);
  }

  lookup(name: string): Value {
    if (this.overlay?.has(name)) return this.overlay.get(name)!;
    if (this.parent) return this.parent.lookup(name);
    if (this.localNames.has(name)) {
      if (this.locals.has(name)) return this.locals.get(name)!;
      throw new PyError('UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
    }
    if (this.globals.has(name)) return this.globals.get(name)!;
    const builtin = BUILTINS.get(name);
    if (builtin !== undefined) return builtin;
    throw new PyError('NameError', `name '${name}' is not defined`);
  }

  assign(name: string, value: Value): void {
    if (this.overlay) this.overlay.set(name, value);
    else this.locals.set(name, value);
  }
}

export function evaluate(n: Node, scope: Scope): Value {
  switch (n.k) {
    case 'Constant':
      return n.value;
    case 'Name':
      return scope.lookup(n.id);
    case 'BinOp': {
      const left = evaluate(n.left, scope);
      const right = evaluate(n.right, scope);
      if (left instanceof Placeholder && n.op === 'Add') return left;
      return binaryOp(n.op, left, right);
    }
    case 'UnaryOp':
      return unaryOp(n.op, evaluate(n.operand, scope));
    case 'BoolOp': {
      let v: Value = null;
      for (const e of n.values) {
        v = evaluate(e, scope);
        if (truthy(v) === (n.op === 'or')) return v;
      }
      return v;
    }
    case 'Compare': {
      let left = evaluate(n.left, scope);
      for (let i = 0; i < n.ops.length; i++) {
        const right = evaluate(n.comparators[i], scope);
        if (!compare(n.ops[i], left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'IfExp':
      return truthy(evaluate(n.test, scope)) ? evaluate(n.body, scope) : evaluate(n.orelse, scope);
    case 'List':
      return n.elts.flatMap((e) => spread(e, scope));
    case 'Tuple':
      return new PyTuple(n.elts.flatMap((e) => spread(e, scope)));
    case 'Set':
      return new PySet(n.elts.flatMap((e) => spread(e, scope)));
    case 'Dict': {
      const d = new PyDict();
      n.keys.forEach((k, i) => d.set(evaluate(k, scope), evaluate(n.values[i], scope)));
      return d;
    }
    case 'Attribute':
      return getAttribute(evaluate(n.value, scope), n.attr);
    case 'Subscript':
      return subscript(evaluate(n.value, scope), n.slice, scope);
    case 'Call': {
      const func = evaluate(n.func, scope);
      const args = n.args.flatMap((a) => spread(a, scope));
      const kwargs = new Map<string, Value>();
      for (const kw of n.keywords) {
        const v = evaluate(kw.value, scope);
        if (kw.arg !== null) kwargs.set(kw.arg, v);
        else if (v instanceof PyDict) for (const [k, x] of v.map.values()) kwargs.set(str(k), x);
      }
      return callValue(func, args, kwargs);
    }
    case 'ListComp': {
      const out: Value[] = [];
      const run = (gi: number, s: Scope): void => {
        if (gi === n.generators.length) {
          out.push(evaluate(n.elt, s));
          return;
        }
        const g = n.generators[gi];
        for (const item of iterate(evaluate(g.iter, s))) {
          const inner = s.child(new Map());
          assignTarget(g.target, item, inner);
          if (g.ifs.every((c) => truthy(evaluate(c, inner)))) run(gi + 1, inner);
        }
      };
      run(0, scope);
      return out;
    }
    case 'JoinedStr':
      return n.parts.map((p) => str(evaluate(p, scope))).join('');
    default:
      throw new PyError('SyntaxError', 'invalid syntax');
  }
}

function spread(n: Node, scope: Scope): Value[] {
  return n.k === 'Starred' ? iterate(evaluate(n.value, scope)) : [evaluate(n, scope)];
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '==': return pyEquals(a, b);
    case '!=': return !pyEquals(a, b);
    case '<': return pyOrder('Lt', a, b);
    case '>': return pyOrder('Gt', a, b);
    case '<=': return pyOrder('LtE', a, b);
    case '>=': return pyOrder('GtE', a, b);
    case 'in': return contains(b, a);
    case 'not in': return !contains(b, a);
    case 'is': return a === b || (a === null && b === null);
    default: return !(a === b || (a === null && b === null));
  }
}

export function callValue(func: Value, args: Value[], kwargs: Map<string, Value>): Value {
  if (func instanceof PyFunc) return func.fn(args, kwargs);
  if (func instanceof Placeholder) {
    throw new PyError('SQLTemplateException', `'${func.name}' is not a valid function, line ${func.line}`);
  }
  throw new PyError('TypeError', `'${typeName(func)}' object is not callable`);
}

export function assignTarget(t: Node, value: Value, scope: Scope): void {
  if (t.k === 'Name') {
    scope.assign(t.id, value);
    return;
  }
  if (t.k === 'Tuple' || t.k === 'List') {
    const items = iterate(value);
    if (items.length !== t.elts.length) {
      throw new PyError(
        'ValueError',
        items.length > t.elts.length
          ? `too many values to unpack (expected ${t.elts.length})`
          : `not enough values to unpack (expected ${t.elts.length}, got ${items.length})`,
      );
    }
    t.elts.forEach((e, i) => assignTarget(e, items[i], scope));
    return;
  }
  if (t.k === 'Subscript') {
    const container = evaluate(t.value, scope);
    const key = evaluate(t.slice, scope);
    if (container instanceof PyDict) container.set(key, value);
    else if (Array.isArray(container)) container[Number(normIndex(container.length, key, 'list assignment'))] = value;
    else throw new PyError('TypeError', `'${typeName(container)}' object does not support item assignment`);
    return;
  }
  throw new PyError('SyntaxError', 'cannot assign');
}

const AUG: Record<string, string> = {
  '+=': 'Add', '-=': 'Sub', '*=': 'Mult', '/=': 'Div', '//=': 'FloorDiv', '%=': 'Mod', '**=': 'Pow', '&=': 'BitAnd',
  '|=': 'BitOr', '^=': 'BitXor', '<<=': 'LShift', '>>=': 'RShift',
};

export function execute(s: Statement, scope: Scope): void {
  if (s.k === 'Expr') {
    evaluate(s.value, scope);
  } else if (s.k === 'Assign') {
    const value = evaluate(s.value, scope);
    for (const t of s.targets) assignTarget(t, value, scope);
  } else {
    const current = evaluate(s.target, scope);
    const value = evaluate(s.value, scope);
    const result = Array.isArray(current) && s.op === '+=' ? (current.push(...iterate(value)), current) : binaryOp(AUG[s.op], current, value);
    assignTarget(s.target, result, scope);
  }
}

function normIndex(length: number, key: Value, what: string): number {
  const i = intValue(key);
  if (i === undefined) {
    throw new PyError('TypeError', `${what} indices must be integers or slices, not ${typeName(key)}`);
  }
  const idx = Number(i < 0n ? i + BigInt(length) : i);
  if (idx < 0 || idx >= length) throw new PyError('IndexError', `${what} index out of range`);
  return idx;
}

function sliceBounds(length: number, lo: Value, hi: Value, stepV: Value): number[] {
  const step = stepV === null ? 1 : Number(intValue(stepV) ?? 1);
  if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const norm = (v: Value, dflt: number): number => {
    if (v === null) return dflt;
    const raw = intValue(v);
    if (raw === undefined) throw new PyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
    let n = Number(raw);
    if (n < 0) n += length;
    return step > 0 ? Math.min(Math.max(n, 0), length) : Math.min(Math.max(n, -1), length - 1);
  };
  const start = norm(lo, step > 0 ? 0 : length - 1);
  const stop = norm(hi, step > 0 ? length : -1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function subscript(v: Value, sliceNode: Node, scope: Scope): Value {
  if (sliceNode.k === 'Slice') {
    const lo = sliceNode.lower ? evaluate(sliceNode.lower, scope) : null;
    const hi = sliceNode.upper ? evaluate(sliceNode.upper, scope) : null;
    const step = sliceNode.step ? evaluate(sliceNode.step, scope) : null;
    const s = strValue(v);
    if (s !== undefined) {
      const chars = [...s];
      return sliceBounds(chars.length, lo, hi, step).map((i) => chars[i]).join('');
    }
    if (Array.isArray(v)) return sliceBounds(v.length, lo, hi, step).map((i) => v[i]);
    if (v instanceof PyTuple) return new PyTuple(sliceBounds(v.items.length, lo, hi, step).map((i) => v.items[i]));
    if (v instanceof Placeholder) return v;
    throw new PyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
  }
  return getItem(v, evaluate(sliceNode, scope));
}

export function getItem(v: Value, key: Value): Value {
  const s = strValue(v);
  if (s !== undefined) {
    const chars = [...s];
    return chars[normIndex(chars.length, key, 'string')];
  }
  if (Array.isArray(v)) return v[normIndex(v.length, key, 'list')];
  if (v instanceof PyTuple) return v.items[normIndex(v.items.length, key, 'tuple')];
  if (v instanceof PyDict) {
    const x = v.get(key);
    if (x === undefined) throw new PyError('KeyError', repr(key));
    return x;
  }
  if (v instanceof Placeholder) {
    if (typeof key === 'string') {
      throw new PyError('TypeError', "'>' not supported between instances of 'str' and 'int'");
    }
    const i = intValue(key);
    if (i !== undefined && i > 2n) throw new PyError('IndexError', '');
    return new Placeholder(v.name, v.line);
  }
  throw new PyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
}

const method = (name: string, fn: (args: Value[], kwargs: Map<string, Value>) => Value) => new PyFunc(name, fn);

function needStr(v: Value | undefined, what: string): string {
  const s = v === undefined ? undefined : strValue(v);
  if (s === undefined) throw new PyError('TypeError', `${what} must be str, not ${typeName(v ?? null)}`);
  return s;
}

function pySplit(s: string, sep: Value, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  const d = needStr(sep, 'must be str or None, not');
  if (!d) throw new PyError('ValueError', 'empty separator');
  const parts = s.split(d);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(d)];
}

const PY_WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
export function pyStrip(s: string, chars: Value = null, left = true, right = true): string {
  const set = chars === null ? PY_WS : needStr(chars, 'strip arg');
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function strMethod(s: string, name: string): PyFunc | undefined {
  const arg = (args: Value[], i: number): Value => (i < args.length ? args[i] : null);
  switch (name) {
    case 'split':
      return method(name, (a, kw) => pySplit(s, kw.get('sep') ?? arg(a, 0), Number(intValue(kw.get('maxsplit') ?? arg(a, 1) ?? -1n) ?? -1)));
    case 'join':
      return method(name, (a) =>
        iterate(a[0] ?? null)
          .map((x, i) => {
            const xs = strValue(x);
            if (xs === undefined) throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
            return xs;
          })
          .join(s),
      );
    case 'replace':
      return method(name, (a) => {
        const from = needStr(a[0], 'replace() argument 1');
        const to = needStr(a[1], 'replace() argument 2');
        return from === '' ? [...s].reduce((acc, c) => acc + c + to, to) : s.split(from).join(to);
      });
    case 'strip':
      return method(name, (a) => pyStrip(s, arg(a, 0)));
    case 'lstrip':
      return method(name, (a) => pyStrip(s, arg(a, 0), true, false));
    case 'rstrip':
      return method(name, (a) => pyStrip(s, arg(a, 0), false, true));
    case 'lower':
      return method(name, () => s.toLowerCase());
    case 'upper':
      return method(name, () => s.toUpperCase());
    case 'startswith':
      return method(name, (a) => s.startsWith(needStr(a[0], 'startswith arg')));
    case 'endswith':
      return method(name, (a) => s.endsWith(needStr(a[0], 'endswith arg')));
    case 'find':
      return method(name, (a) => BigInt(s.indexOf(needStr(a[0], 'find arg'))));
    case 'count':
      return method(name, (a) => BigInt(s.split(needStr(a[0], 'count arg')).length - 1));
    case 'isdigit':
      return method(name, () => /^\p{Nd}+$/u.test(s));
    case 'capitalize':
      return method(name, () => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case 'title':
      return method(name, () => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, p, c: string) => p + c.toUpperCase()));
  }
  return undefined;
}

export function getAttribute(v: Value, name: string): Value {
  const s = strValue(v);
  const found =
    s !== undefined
      ? strMethod(s, name)
      : Array.isArray(v)
        ? listMethod(v, name)
        : v instanceof PyDict
          ? dictMethod(v, name)
          : v instanceof Placeholder
            ? placeholderMethod(name)
            : undefined;
  if (found) return found;
  throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

function placeholderMethod(name: string): PyFunc | undefined {
  if (name === 'split') return method(name, () => [new Placeholder('', 0), new Placeholder('', 0)]);
  if (name === 'startswith') return method(name, () => false);
  return undefined;
}

function listMethod(l: Value[], name: string): PyFunc | undefined {
  switch (name) {
    case 'append':
      return method(name, (a) => (l.push(a[0]), null));
    case 'extend':
      return method(name, (a) => (l.push(...iterate(a[0])), null));
    case 'index':
      return method(name, (a) => {
        const i = l.findIndex((x) => pyEquals(x, a[0]));
        if (i < 0) throw new PyError('ValueError', `${repr(a[0])} is not in list`);
        return BigInt(i);
      });
    case 'count':
      return method(name, (a) => BigInt(l.filter((x) => pyEquals(x, a[0])).length));
  }
  return undefined;
}

function dictMethod(d: PyDict, name: string): PyFunc | undefined {
  switch (name) {
    case 'get':
      return method(name, (a) => d.get(a[0]) ?? (a.length > 1 ? a[1] : null));
    case 'keys':
      return method(name, () => d.keys());
    case 'values':
      return method(name, () => [...d.map.values()].map((e) => e[1]));
    case 'items':
      return method(name, () => [...d.map.values()].map((e) => new PyTuple(e)));
  }
  return undefined;
}

// ---- builtins ----

export function pyInt(v: Value): bigint {
  const i = intValue(v);
  if (i !== undefined) return i;
  const f = floatValue(v);
  if (f !== undefined) {
    if (!Number.isFinite(f)) {
      throw new PyError(Number.isNaN(f) ? 'ValueError' : 'OverflowError', Number.isNaN(f) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    }
    return BigInt(Math.trunc(f));
  }
  const s = strValue(v);
  if (s !== undefined) {
    const t = pyStrip(s);
    if (/^[+-]?\p{Nd}+(_\p{Nd}+)*$/u.test(t)) return BigInt(asciiDigits(t.replace(/_/g, '').replace(/^\+/, '')));
    throw new PyError('ValueError', `invalid literal for int() with base 10: ${repr(s)}`);
  }
  throw new PyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

/** Maps any Unicode decimal digit to its ASCII digit (Python's int()/float() accept them). */
export function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (d) => {
    let cp = d.codePointAt(0)!;
    let n = 0;
    while (n < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
      cp--;
      n++;
    }
    return String((d.codePointAt(0)! - cp) % 10);
  });
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d*(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?|inf|infinity|nan)$/i;

/** Python `float(v)`. */
export function pyFloatOf(v: Value): number {
  const f = floatValue(v);
  if (f !== undefined) return f;
  const i = intValue(v);
  if (i !== undefined) return Number(i);
  const s = strValue(v);
  if (s !== undefined) {
    const t = asciiDigits(pyStrip(s));
    if (t && FLOAT_TEXT.test(t) && /\d|inf|nan/i.test(t)) return pyFloat(t.replace(/_/g, ''));
    throw new PyError('ValueError', `could not convert string to float: ${repr(s)}`);
  }
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

export function pyLen(v: Value): bigint {
  const s = strValue(v);
  if (s !== undefined) return BigInt([...s].length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof PyTuple) return BigInt(v.items.length);
  if (v instanceof PyDict || v instanceof PySet) return BigInt(v.map.size);
  throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

function minMax(name: string, args: Value[], better: (a: Value, b: Value) => boolean): Value {
  const items = args.length === 1 ? iterate(args[0]) : args;
  if (!items.length) throw new PyError('ValueError', `${name}() iterable argument is empty`);
  return items.reduce((acc, x) => (better(x, acc) ? x : acc));
}

const FUNCTION_BUILTINS = `abs aiter all anext any ascii bin breakpoint callable chr compile delattr dir divmod eval exec
format getattr globals hasattr hash hex id isinstance issubclass iter len locals max min next oct ord pow repr
round setattr sorted sum vars __import__ __build_class__`.split(/\s+/);
const CLASS_BUILTINS = `bool bytearray bytes classmethod complex dict enumerate filter float frozenset int list map
memoryview object property range reversed set slice staticmethod str super tuple type zip`.split(/\s+/);
const EXCEPTIONS = `ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError EncodingWarning EnvironmentError Exception
ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError
ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError
MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError
PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning
RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError
TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError Warning ZeroDivisionError`.split(/\s+/);
const OTHER_BUILTINS = ['Ellipsis', 'NotImplemented', 'None', 'True', 'False', '__debug__', '__doc__', '__loader__', '__name__',
  '__package__', '__spec__', 'copyright', 'credits', 'exit', 'help', 'license', 'quit'];

/** Every name of Python's `builtins` module. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([...FUNCTION_BUILTINS, ...CLASS_BUILTINS, ...EXCEPTIONS, ...OTHER_BUILTINS]);

const IMPLEMENTED: Record<string, (args: Value[], kwargs: Map<string, Value>) => Value> = {
  len: (a) => pyLen(a[0] ?? null),
  str: (a) => (a.length ? str(a[0]) : ''),
  repr: (a) => repr(a[0] ?? null),
  int: (a) => (a.length ? pyInt(a[0]) : 0n),
  float: (a) => (a.length ? pyFloatOf(a[0]) : 0),
  bool: (a) => (a.length ? truthy(a[0]) : false),
  list: (a) => (a.length ? [...iterate(a[0])] : []),
  tuple: (a) => new PyTuple(a.length ? [...iterate(a[0])] : []),
  set: (a) => new PySet(a.length ? iterate(a[0]) : []),
  dict: (_a, kw) => {
    const d = new PyDict();
    for (const [k, v] of kw) d.set(k, v);
    return d;
  },
  range: (a) => {
    const n = a.map((x) => {
      const i = intValue(x);
      if (i === undefined) throw new PyError('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`);
      return i;
    });
    const [start, stop, step] = n.length === 1 ? [0n, n[0], 1n] : [n[0], n[1], n[2] ?? 1n];
    if (step === 0n) throw new PyError('ValueError', 'range() arg 3 must not be zero');
    const out: Value[] = [];
    for (let i = start; step > 0n ? i < stop : i > stop; i += step) out.push(i);
    return out;
  },
  enumerate: (a) => iterate(a[0] ?? null).map((x, i) => new PyTuple([BigInt(i) + (intValue(a[1] ?? 0n) ?? 0n), x])),
  zip: (a) => {
    const lists = a.map(iterate);
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    return Array.from({ length: n }, (_, i) => new PyTuple(lists.map((l) => l[i])));
  },
  reversed: (a) => [...iterate(a[0] ?? null)].reverse(),
  sorted: (a, kw) => {
    const items = [...iterate(a[0] ?? null)].sort((x, y) => (pyOrder('Lt', x, y) ? -1 : pyOrder('Lt', y, x) ? 1 : 0));
    return truthy(kw.get('reverse') ?? false) ? items.reverse() : items;
  },
  sum: (a) => iterate(a[0] ?? null).reduce((acc: Value, x) => binaryOp('Add', acc, x), a[1] ?? 0n),
  min: (a) => minMax('min', a, (x, acc) => pyOrder('Lt', x, acc)),
  max: (a) => minMax('max', a, (x, acc) => pyOrder('Gt', x, acc)),
  abs: (a) => {
    const v = a[0] ?? null;
    const i = intValue(v);
    if (i !== undefined) return i < 0n ? -i : i;
    return Math.abs(pyFloatOf(v));
  },
  any: (a) => iterate(a[0] ?? null).some(truthy),
  all: (a) => iterate(a[0] ?? null).every(truthy),
  round: (a) => {
    const f = pyFloatOf(a[0] ?? null);
    if (a.length < 2 || a[1] === null) {
      const r = Math.round(f);
      return BigInt(Math.abs(f % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r);
    }
    const digits = Number(intValue(a[1]) ?? 0n);
    return Number(f.toFixed(digits));
  },
  ord: (a) => BigInt(needStr(a[0], 'ord() argument').codePointAt(0) ?? 0),
  chr: (a) => String.fromCodePoint(Number(intValue(a[0] ?? null) ?? 0n)),
};

export const BUILTINS = new Map<string, Value>();
for (const name of BUILTIN_NAMES) {
  if (['None', 'True', 'False'].includes(name)) continue;
  const isClass = CLASS_BUILTINS.includes(name) || EXCEPTIONS.includes(name);
  const impl =
    IMPLEMENTED[name] ??
    (() => {
      throw new PyError('NotImplementedError', `${name}() is not supported by this template engine`);
    });
  BUILTINS.set(name, new PyFunc(name, impl, isClass ? `<class '${EXCEPTIONS.includes(name) ? name : name}'>` : `<built-in function ${name}>`));
}
for (const name of ['open', 'close', 'print', 'input']) BUILTINS.set(name, null);


