// Python values with CPython 3.12 semantics for the operations templates use.

/** A raised Python exception: `kind` is the exception class name. */
export class PyError extends Error {
  /** Template offsets [start, end) of the tag being executed when the error was raised. */
  span?: [number, number];
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export class PyTuple {
  constructor(readonly items: Value[]) {}
}
export class PyDict {
  readonly map = new Map<string, [Value, Value]>();
  get(key: Value): Value | undefined {
    return this.map.get(hashKey(key))?.[1];
  }
  set(key: Value, value: Value): void {
    const h = hashKey(key);
    const old = this.map.get(h);
    this.map.set(h, [old ? old[0] : key, value]);
  }
  keys(): Value[] {
    return [...this.map.values()].map((e) => e[0]);
  }
}
export class PySet {
  readonly map = new Map<string, Value>();
  constructor(items: Value[] = []) {
    for (const v of items) this.map.set(hashKey(v), v);
  }
}
/** Tinybird's `Expression`: a `str` subclass rendered without quotes. */
export class ExprStr {
  constructor(readonly s: string) {}
}
/** Tinybird's `Symbol`: rendered as its text. */
export class Sym {
  constructor(readonly s: string) {}
}
/** Tinybird's typed `Integer`/`Float` (int/float subclasses remembering the ClickHouse type). */
export class TypedInt {
  constructor(
    readonly v: bigint,
    readonly type: string,
  ) {}
}
export class TypedFloat {
  constructor(
    readonly v: number,
    readonly type: string,
  ) {}
}
/** A test-mode parameter without a value. */
export class Placeholder {
  constructor(
    readonly name: string,
    readonly line: number,
  ) {}
}
/** Test-mode result of `error()`/`custom_error()`: what the call raises outside test mode. */
export class Comment {
  constructor(
    readonly kind: string,
    readonly message: string,
  ) {}
}
export class PyFunc {
  constructor(
    readonly name: string,
    readonly fn: (args: Value[], kwargs: Map<string, Value>) => Value,
    readonly repr: string = `<built-in function ${name}>`,
  ) {}
}
export class Ellipsis {}

export type Value =
  | null
  | boolean
  | bigint
  | number
  | string
  | Value[]
  | PyTuple
  | PyDict
  | PySet
  | ExprStr
  | Sym
  | TypedInt
  | TypedFloat
  | Placeholder
  | Comment
  | PyFunc
  | Ellipsis;

export const strValue = (v: Value): string | undefined =>
  typeof v === 'string' ? v : v instanceof ExprStr ? v.s : undefined;

/** int value of int/bool/Integer, else undefined. */
export function intValue(v: Value): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof TypedInt) return v.v;
  return undefined;
}
export function floatValue(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof TypedFloat) return v.v;
  return undefined;
}
const isNumber = (v: Value) => intValue(v) !== undefined || floatValue(v) !== undefined;
const toFloat = (v: Value): number => floatValue(v) ?? Number(intValue(v)!);

export function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof PySet) return 'set';
  if (v instanceof ExprStr) return 'Expression';
  if (v instanceof Sym) return 'Symbol';
  if (v instanceof TypedInt) return 'Integer';
  if (v instanceof TypedFloat) return 'Float';
  if (v instanceof Placeholder) return 'Placeholder';
  if (v instanceof Comment) return 'Comment';
  if (v instanceof PyFunc) return v.repr.startsWith('<class') ? 'type' : 'builtin_function_or_method';
  return 'ellipsis';
}

function hashKey(v: Value): string {
  const i = intValue(v);
  if (i !== undefined) return `n${i}`;
  const f = floatValue(v);
  if (f !== undefined) return Number.isInteger(f) ? `n${BigInt(f)}` : `f${f}`;
  const s = strValue(v);
  if (s !== undefined) return `s${s}`;
  if (v === null) return 'None';
  if (v instanceof PyTuple) return `t(${v.items.map(hashKey).join(',')})`;
  if (Array.isArray(v) || v instanceof PyDict || v instanceof PySet) {
    throw new PyError('TypeError', `unhashable type: '${typeName(v)}'`);
  }
  return `o${repr(v)}`;
}

/** Python float from source text (`1e3`, `.5`, `inf`, `nan`). */
export function pyFloat(text: string): number {
  const t = text.trim().toLowerCase().replace(/^\+/, '');
  if (/^-?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^-?nan$/.test(t)) return NaN;
  return Number(t);
}

/** Python `repr(float)`: shortest round-trip digits, fixed for 1e-4 <= |f| < 1e16. */
export function floatRepr(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const [mant, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  const sign = neg ? '-' : '';
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1) || '0';
    return `${sign}${intPart}.${frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0x80 && cp < 0xa0) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

export function repr(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'string') return strRepr(v);
  if (v instanceof ExprStr) return strRepr(v.s);
  if (v instanceof TypedInt) return v.v.toString();
  if (v instanceof TypedFloat) return floatRepr(v.v);
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${repr(v.items[0])},)` : `(${v.items.map(repr).join(', ')})`;
  if (v instanceof PyDict) return `{${[...v.map.values()].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
  if (v instanceof PySet) return v.map.size ? `{${[...v.map.values()].map(repr).join(', ')}}` : 'set()';
  if (v instanceof PyFunc) return v.repr;
  if (v instanceof Sym) return `<tinybird.sql_template.Symbol object>`;
  if (v instanceof Placeholder) return `<tinybird.sql_template.Placeholder object>`;
  if (v instanceof Comment) return `<tinybird.sql_template.Comment object>`;
  return 'Ellipsis';
}

export function str(v: Value): string {
  const s = strValue(v);
  if (s !== undefined) return s;
  if (v instanceof Sym) return v.s;
  if (v instanceof Placeholder) return '__no_value__';
  return repr(v);
}

export function truthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  const i = intValue(v);
  if (i !== undefined) return i !== 0n;
  const f = floatValue(v);
  if (f !== undefined) return f !== 0;
  const s = strValue(v);
  if (s !== undefined) return s.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.map.size > 0;
  return true;
}

export function pyEquals(a: Value, b: Value): boolean {
  if (isNumber(a) && isNumber(b)) {
    const ia = intValue(a);
    const ib = intValue(b);
    if (ia !== undefined && ib !== undefined) return ia === ib;
    return toFloat(a) === toFloat(b);
  }
  const sa = strValue(a);
  const sb = strValue(b);
  if (sa !== undefined || sb !== undefined) return sa === sb;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (a instanceof PyTuple && b instanceof PyTuple) {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    return a.map.size === b.map.size && [...a.map.values()].every(([k, x]) => {
      const y = b.get(k);
      return y !== undefined && pyEquals(x, y);
    });
  }
  if (a instanceof Sym && b instanceof Sym) return a === b;
  return a === b;
}

const OP_SYMBOL: Record<string, string> = { Lt: '<', Gt: '>', LtE: '<=', GtE: '>=' };

/** Ordering comparison (`<`, `>`, `<=`, `>=`) with Python's TypeError for mixed types. */
export function pyOrder(op: string, a: Value, b: Value): boolean {
  const cmp = compareValues(OP_SYMBOL[op], a, b);
  if (op === 'Lt') return cmp < 0;
  if (op === 'Gt') return cmp > 0;
  if (op === 'LtE') return cmp <= 0;
  return cmp >= 0;
}

function compareValues(sym: string, a: Value, b: Value): number {
  if (isNumber(a) && isNumber(b)) {
    const ia = intValue(a);
    const ib = intValue(b);
    if (ia !== undefined && ib !== undefined) return ia < ib ? -1 : ia > ib ? 1 : 0;
    const fa = toFloat(a);
    const fb = toFloat(b);
    return fa < fb ? -1 : fa > fb ? 1 : fa === fb ? 0 : NaN;
  }
  const sa = strValue(a);
  const sb = strValue(b);
  if (sa !== undefined && sb !== undefined) return sa < sb ? -1 : sa > sb ? 1 : 0;
  const la = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : undefined;
  const lb = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : undefined;
  if (la && lb && Array.isArray(a) === Array.isArray(b)) {
    for (let i = 0; i < Math.min(la.length, lb.length); i++) {
      if (!pyEquals(la[i], lb[i])) return compareValues(sym, la[i], lb[i]);
    }
    return la.length - lb.length;
  }
  throw new PyError('TypeError', `'${sym}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function contains(container: Value, item: Value): boolean {
  const s = strValue(container);
  if (s !== undefined) {
    const i = strValue(item);
    if (i === undefined) {
      throw new PyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return s.includes(i);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (container instanceof PyDict) return container.get(item) !== undefined;
  if (container instanceof PySet) return [...container.map.values()].some((x) => pyEquals(x, item));
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

const BIN_SYMBOL: Record<string, string> = {
  Add: '+', Sub: '-', Mult: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '** or pow()', BitOr: '|', BitAnd: '&',
  BitXor: '^', LShift: '<<', RShift: '>>', MatMult: '@',
};

function unsupported(op: string, a: Value, b: Value): PyError {
  return new PyError('TypeError', `unsupported operand type(s) for ${BIN_SYMBOL[op]}: '${typeName(a)}' and '${typeName(b)}'`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function binaryOp(op: string, a: Value, b: Value): Value {
  const ia = intValue(a);
  const ib = intValue(b);
  if (ia !== undefined && ib !== undefined) {
    switch (op) {
      case 'Add': return ia + ib;
      case 'Sub': return ia - ib;
      case 'Mult': return ia * ib;
      case 'Div':
        if (ib === 0n) throw new PyError('ZeroDivisionError', 'division by zero');
        return Number(ia) / Number(ib);
      case 'FloorDiv':
        if (ib === 0n) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        return floorDiv(ia, ib);
      case 'Mod':
        if (ib === 0n) throw new PyError('ZeroDivisionError', 'integer modulo by zero');
        return ia - floorDiv(ia, ib) * ib;
      case 'Pow': return ib < 0n ? Number(ia) ** Number(ib) : ia ** ib;
      case 'BitOr': return ia | ib;
      case 'BitAnd': return ia & ib;
      case 'BitXor': return ia ^ ib;
      case 'LShift': return ia << ib;
      case 'RShift': return ia >> ib;
    }
  }
  if (isNumber(a) && isNumber(b)) {
    const fa = toFloat(a);
    const fb = toFloat(b);
    switch (op) {
      case 'Add': return fa + fb;
      case 'Sub': return fa - fb;
      case 'Mult': return fa * fb;
      case 'Div':
        if (fb === 0) throw new PyError('ZeroDivisionError', 'float division by zero');
        return fa / fb;
      case 'FloorDiv':
        if (fb === 0) throw new PyError('ZeroDivisionError', 'float floor division by zero');
        return Math.floor(fa / fb);
      case 'Mod':
        if (fb === 0) throw new PyError('ZeroDivisionError', 'float modulo');
        return fa - Math.floor(fa / fb) * fb;
      case 'Pow': return fa ** fb;
    }
    throw unsupported(op, a, b);
  }
  const sa = strValue(a);
  const sb = strValue(b);
  if (op === 'Add') {
    if (sa !== undefined && sb !== undefined) return sa + sb;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
    if (sa !== undefined) throw new PyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (Array.isArray(a)) throw new PyError('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
  }
  if (op === 'Mult') {
    const [seq, n] = ia !== undefined ? [b, ia] : ib !== undefined ? [a, ib] : [undefined, undefined];
    if (seq !== undefined && n !== undefined) {
      const count = n > 0n ? Number(n) : 0;
      const s = strValue(seq);
      if (s !== undefined) return s.repeat(count);
      if (Array.isArray(seq)) return Array.from({ length: count }, () => seq).flat();
      if (seq instanceof PyTuple) return new PyTuple(Array.from({ length: count }, () => seq.items).flat());
    }
    if (sa !== undefined || sb !== undefined) {
      throw new PyError('TypeError', `can't multiply sequence by non-int of type '${typeName(sa !== undefined ? b : a)}'`);
    }
  }
  if (op === 'Mod' && sa !== undefined) throw new PyError('TypeError', 'not all arguments converted during string formatting');
  throw unsupported(op, a, b);
}

export function unaryOp(op: string, v: Value): Value {
  if (op === 'Not') return !truthy(v);
  const i = intValue(v);
  if (i !== undefined) return op === 'USub' ? -i : op === 'UAdd' ? i : ~i;
  const f = floatValue(v);
  if (f !== undefined && op !== 'Invert') return op === 'USub' ? -f : f;
  const sym = op === 'USub' ? '-' : op === 'UAdd' ? '+' : '~';
  throw new PyError('TypeError', `bad operand type for unary ${sym}: '${typeName(v)}'`);
}

/** Iterates a value like Python's `iter()`. */
export function iterate(v: Value): Value[] {
  const s = strValue(v);
  if (s !== undefined) return [...s];
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PySet) return [...v.map.values()];
  if (v instanceof Placeholder) return [0, 1, 2].map(() => new Placeholder(v.name, v.line));
  throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}
