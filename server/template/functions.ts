// Tinybird's template functions (§5 of template-engine.md): type functions, identifiers, helpers.
import { asciiDigits, pyFloatOf, pyInt, pyStrip } from './python/interp';
import {
  Comment, ExprStr, PyError, PyFunc, PyTuple, Placeholder, Sym, TypedFloat, TypedInt, floatRepr, iterate,
  str, strValue, truthy, typeName, type Value,
} from './python/values';
import { jsonLoads } from './pyJson';

export const sqlError = (message: string) => new PyError('SQLTemplateException', message);
export const REQUIRED_MESSAGE = 'Required parameter is not defined';

const ESCAPE: Record<string, string> = {
  '\0': '\\0', '\r': '\\r', '\b': '\\b', '\t': '\\t', '\x1a': '\\z', '\n': '\\n', '"': '\\"', "'": "\\'", '\\': '\\\\',
  '%': '\\%', '`': '\\`',
};
const ESCAPE_CHARS = /[\0\r\b\t\x1a\n"'\\%`]/g;
const IDENT_CHARS = /[\0\r\b\t\x1a\n"'\\%`]/g;

/** §6.1: a string value as a single-quoted SQL literal. */
export const quoteString = (s: string) => `'${s.replace(ESCAPE_CHARS, (c) => ESCAPE[c])}'`;
/** §6.2: identifier escaping (`"` deleted). */
export const escapeIdentifier = (s: string) => s.replace(IDENT_CHARS, (c) => (c === '"' ? '' : ESCAPE[c]));

function identifierText(v: Value): string {
  const s = strValue(v);
  if (s === undefined) throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'translate'`);
  return escapeIdentifier(s);
}

/** How a `{{ }}` value becomes SQL text (§3.4). */
export function sqlText(v: Value): string {
  if (typeof v === 'string') return quoteString(v);
  if (v instanceof ExprStr || v instanceof Sym) return v.s;
  if (v instanceof TypedInt) return `to${v.type}('${v.v}')`;
  if (v instanceof TypedFloat) return `to${v.type}('${floatRepr(v.v)}')`;
  if (v instanceof Placeholder) return "'__no_value__'";
  if (v instanceof Comment) return '-- {x} \n';
  return str(v);
}

// ---- validators (§5.1) ----
const D = '\\p{Nd}';
const END = '\\n?$';
const INT_RE = new RegExp(`^[+-]?${D}+${END}`, 'u');
const UINT_RE = new RegExp(`^${D}+${END}`, 'u');
const DATE_RE = new RegExp(`^${D}{4}-${D}{2}-${D}{2}${END}`, 'u');
const DATETIME_RE = new RegExp(`^(?:${D}{4}.${D}{2}.${D}{2}(?:T|\\s)${D}{2}:${D}{2}:${D}{2}|${D}{2}.${D}{2}.${D}{4}.${D}{1,2}:${D}{1,2}:${D}{1,2})`, 'u');
const DATETIME64_RE = new RegExp(
  `^(?:${D}{4}.${D}{2}.${D}{2}(?:T|\\s)${D}{2}:${D}{2}:${D}{2}.${D}{3}|${D}{2}.${D}{2}.${D}{4}.${D}{1,2}:${D}{1,2}:${D}{1,2}.${D}{1,3})`,
  'u',
);

interface IntType {
  signed: boolean;
  bits: number;
}
export const INT_TYPES: Record<string, IntType> = {};
for (const bits of [8, 16, 32, 64, 128, 256]) {
  INT_TYPES[`Int${bits}`] = { signed: true, bits };
  INT_TYPES[`UInt${bits}`] = { signed: false, bits };
}

function intInRange(text: string, t: IntType): boolean {
  const v = BigInt(asciiDigits(text.trim()).replace(/^\+/, ''));
  const top = 1n << BigInt(t.signed ? t.bits - 1 : t.bits);
  return t.signed ? v >= -top && v < top : v >= 0n && v < top;
}

/** The validator of a type name, or undefined for types that are not validated. */
export function validator(type: string): ((s: string) => boolean) | undefined {
  const it = INT_TYPES[type];
  if (it) {
    const re = it.signed || it.bits >= 128 ? INT_RE : UINT_RE;
    return (s) => re.test(s) && intInRange(s, it);
  }
  switch (type) {
    case 'Float32':
    case 'Float64':
      return (s) => {
        if (s.includes('_')) return false;
        try {
          pyFloatOf(s);
          return true;
        } catch {
          return false;
        }
      };
    case 'Date':
      return (s) => DATE_RE.test(s);
    case 'DateTime':
      return (s) => DATETIME_RE.test(s);
    case 'DateTime64':
      return (s) => DATETIME64_RE.test(s);
  }
  return undefined;
}

const TEST_VALUE: Record<string, string> = {
  String: '__no_value__', Date: '2019-01-01', DateTime: '2019-01-01 00:00:00', DateTime64: '2019-01-01 00:00:00.000',
};

/** Scalar type names handled by `transformType`. */
export const SCALAR_TYPES = [...Object.keys(INT_TYPES), 'Float32', 'Float64', 'String', 'Date', 'DateTime', 'DateTime64'];

type Fn = (args: Value[], kwargs: Map<string, Value>) => Value;

/** Binds Python-style arguments by name; unknown keywords raise CPython's TypeError. */
function bind(fnName: string, params: string[], args: Value[], kwargs: Map<string, Value>, required = 1): Map<string, Value> {
  const out = new Map<string, Value>();
  if (args.length > params.length) {
    throw new PyError('TypeError', `${fnName}() takes from ${required} to ${params.length} positional arguments but ${args.length} were given`);
  }
  args.forEach((a, i) => out.set(params[i], a));
  for (const [k, v] of kwargs) {
    if (!params.includes(k)) throw new PyError('TypeError', `${fnName}() got an unexpected keyword argument '${k}'`);
    if (out.has(k)) throw new PyError('TypeError', `${fnName}() got multiple values for argument '${k}'`);
    out.set(k, v);
  }
  const missing = params.slice(0, required).filter((p) => !out.has(p));
  if (missing.length) {
    throw new PyError('TypeError', `${fnName}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `'${m}'`).join(' and ')}`);
  }
  return out;
}

const TYPE_PARAMS = ['x', 'default', 'defined', 'required', 'description', 'enum', 'example', 'format'];

function convertScalar(type: string, x: Value): Value {
  const text = str(x);
  const check = validator(type === 'Int' || type === 'Integer' ? 'Int32' : type);
  if (check && !check(text)) {
    throw sqlError(`Error validating '${text}' to type ${type === 'Int' || type === 'Integer' ? 'Int32' : type}`);
  }
  if (INT_TYPES[type]) return new TypedInt(pyInt(text), type);
  if (type === 'Float32' || type === 'Float64') return new TypedFloat(pyFloatOf(text), type);
  if (type === 'Int' || type === 'Integer') return pyInt(text);
  return text;
}

function scalarType(type: string, testMode: boolean): Fn {
  return (args, kwargs) => {
    const a = bind('transform_type.<locals>._f', TYPE_PARAMS, args, kwargs);
    let x = a.get('x') ?? null;
    const dflt = a.get('default') ?? null;
    if (x instanceof Placeholder) {
      if (truthy(dflt)) x = dflt;
      else if (INT_TYPES[type]) return new TypedInt(0n, type);
      else if (type === 'Float32' || type === 'Float64') return new TypedFloat(0, type);
      else if (type === 'Int' || type === 'Integer') return 0n;
      else return TEST_VALUE[type];
    } else if (x === null) {
      if (dflt === null) {
        if (truthy(a.get('defined') ?? true)) throw sqlError(REQUIRED_MESSAGE);
        return null;
      }
      x = dflt;
    }
    void testMode;
    return convertScalar(type, x);
  };
}

/** Tinybird's boolean: `'0'`/`'false'` are false, otherwise Python truthiness, as 0/1. */
function booleanOf(v: Value): bigint {
  const s = strValue(v);
  if (s !== undefined && (s === '0' || s.toLowerCase() === 'false')) return 0n;
  return truthy(v) ? 1n : 0n;
}

function booleanWithDefault(x: Value, dflt: Value): bigint {
  if (x === null || x instanceof Placeholder) return dflt === null ? 0n : booleanWithDefault(dflt, null);
  return booleanOf(x);
}

const boolean: Fn = (args, kwargs) => {
  const a = bind('boolean', ['x', 'default'], args, kwargs);
  const x = a.get('x') ?? null;
  const dflt = a.get('default') ?? null;
  return booleanWithDefault(x, dflt);
};

const ARRAY_PLACEHOLDER: Record<string, string> = { Float32: '0.0', Float64: '0.0', Boolean: '0', bool: '0', Symbol: '`placeholder`', Column: '`placeholder`' };

function arrayElement(type: string | null, raw: Value, t: Value, i: number): string {
  if (type && (validator(type) || INT_TYPES[type])) {
    const text = str(t);
    if (!validator(type)!(text)) throw sqlError(`Error validating ${str(raw)}[${i}](${text}) to type ${type}`);
    if (type === 'Float32' || type === 'Float64') return floatRepr(pyFloatOf(text));
    if (INT_TYPES[type]) return pyInt(text).toString();
    return quoteString(text);
  }
  if (type === 'Int' || type === 'Integer') return str(convertScalar(type, t));
  if (type === 'Boolean' || type === 'bool') return booleanOf(t).toString();
  if (type === 'Symbol' || type === 'Column') return `\`${identifierText(t)}\``;
  return quoteString(str(t));
}

function arrayType(testMode: boolean): Fn {
  return (args, kwargs) => {
    const a = bind('array_type.<locals>._f', ['x', 'type', ...TYPE_PARAMS.slice(1)], args, kwargs);
    let x = a.get('x') ?? null;
    const typeArg = a.get('type') ?? null;
    const type = typeArg === null ? null : str(typeArg);
    const dflt = a.get('default') ?? null;
    if (x instanceof Placeholder) {
      if (truthy(dflt)) x = dflt;
      else {
        const p = (type && (INT_TYPES[type] || type === 'Int' || type === 'Integer') ? '0' : undefined) ?? (type ? ARRAY_PLACEHOLDER[type] ?? TEST_VALUE[type] : undefined);
        x = p === undefined ? '__no_value__0,__no_value__1' : `${p},${p}`;
      }
    } else if (x === null) {
      if (dflt === null) {
        if (truthy(a.get('defined') ?? true)) throw sqlError(REQUIRED_MESSAGE);
        return null;
      }
      x = dflt;
    }
    void testMode;
    const s = strValue(x);
    const items = Array.isArray(x) ? x : s !== undefined ? s.split(',') : undefined;
    if (!items) throw sqlError('transform type function Array is not well defined');
    return new ExprStr(`[${items.map((t, i) => arrayElement(type, x, t, i)).join(',')}]`);
  };
}

function jsonType(): Fn {
  return (args, kwargs) => {
    const a = bind('json_type', ['x', 'default'], args, kwargs);
    let x = a.get('x') ?? null;
    const dflt = a.get('default') ?? null;
    if (x instanceof Placeholder) x = truthy(dflt) ? dflt : '__no_value__';
    else if (x === null) x = strValue(dflt) !== undefined ? dflt : '{}';
    const s = strValue(x);
    if (s === undefined) return x;
    try {
      return jsonLoads(s);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      throw sqlError(`Error parsing JSON: '${s.length > 16 ? `${s.slice(0, 16)}...` : s}' - ${e.message}`);
    }
  };
}

function columnOf(v: Value): Sym {
  const s = strValue(v);
  if (s === undefined) identifierText(v);
  return new Sym(s!.split('.').map((p) => `\`${escapeIdentifier(p)}\``).join('.'));
}

const column: Fn = (args, kwargs) => {
  const a = bind('column', ['x', 'default'], args, kwargs);
  let x = a.get('x') ?? null;
  if (x === null || x instanceof Placeholder) {
    x = a.get('default') ?? null;
    if (x === null) throw sqlError("Missing column() default value, use `column(column_name, 'default_column_name')`");
  }
  return columnOf(x);
};

const columns: Fn = (args, kwargs) => {
  const a = bind('columns', ['x', 'default', 'fn'], args, kwargs);
  let x = a.get('x') ?? null;
  if (x === null || x instanceof Placeholder) {
    x = a.get('default') ?? null;
    if (x === null) throw sqlError("Missing columns() default value, use `columns(column_names, 'default_column_name')`");
  }
  const s = strValue(x);
  if (s === undefined) throw sqlError("The 'columns' function expects a String not an Array");
  const fn = a.get('fn') ?? null;
  return new ExprStr(
    s
      .split(',')
      .map((c) => {
        const name = pyStrip(c);
        const col = columnOf(name).s;
        return fn === null ? col : `${str(fn)}(${col}) as ${name}`;
      })
      .join(','),
  );
};

const symbol: Fn = (args, kwargs) => {
  const a = bind('symbol', ['x', 'quote'], args, kwargs);
  const x = a.get('x') ?? null;
  if (x instanceof Placeholder) return new Sym('`placeholder`');
  const q = str(a.get('quote') ?? '`');
  return new Sym(q + identifierText(x) + q);
};

const table: Fn = (args, kwargs) => {
  const a = bind('table', ['x', 'quote'], args, kwargs);
  const x = a.get('x') ?? null;
  if (x instanceof Placeholder) return new Sym('placeholder');
  return new Sym(identifierText(x));
};

const SQL_AND_OPS: Record<string, string> = { in: 'in', not_in: 'not in', gt: '>', lt: '<', gte: '>=', lte: '<=' };

const sqlAnd: Fn = (args, kwargs) => {
  if (args.length) throw new PyError('TypeError', `_and() takes 0 positional arguments but ${args.length} were given`);
  const parts: string[] = [];
  for (const [key, v] of kwargs) {
    if (v === null) continue;
    const cut = key.lastIndexOf('__');
    const [col, op] = cut > 0 ? [key.slice(0, cut), key.slice(cut + 2)] : [key, ''];
    let sqlOp = '=';
    if (op) {
      if (!(op in SQL_AND_OPS)) throw sqlError(`operand ${op} not supported`);
      sqlOp = SQL_AND_OPS[op];
    }
    parts.push(`${col} ${sqlOp} ${sqlText(v)}`);
  }
  return new ExprStr(parts.join(' and '));
};

const defined: Fn = (args, kwargs) => {
  const a = bind('defined', ['x'], args, kwargs, 0);
  const x = a.get('x') ?? null;
  return !(x === null || x instanceof Placeholder);
};

const splitToArray: Fn = (args, kwargs) => {
  const a = bind('split_to_array', ['x', 'default', 'separator'], args, kwargs);
  let x = a.get('x') ?? null;
  if (x === null || x instanceof Placeholder) x = a.has('default') ? a.get('default')! : '';
  const s = strValue(x);
  if (s === undefined) {
    throw sqlError(
      'First argument of split_to_array has to be a value that can be split to a list of elements, but found a PlaceHolder with no value instead',
    );
  }
  return s.split(str(a.get('separator') ?? ',')).map((p) => pyStrip(p));
};

const enumerateWithLast: Fn = (args) =>
  iterate(args[0] ?? null).map((v, i, all) => new PyTuple([i === all.length - 1, v]));

const sqlUnescape: Fn = (args, kwargs) => {
  const a = bind('sql_unescape', ['x', 'what'], args, kwargs);
  const x = a.get('x') ?? null;
  const what = str(a.get('what') ?? '');
  const s = strValue(x);
  if (s === undefined) throw new PyError('AttributeError', `'${typeName(x)}' object has no attribute 'translate'`);
  return new ExprStr(`'${escapeIdentifier(s).split(`\\${what}`).join(what)}'`);
};

// ---- dates (§5.7) ----

interface ParsedDate {
  ms: number;
}

/** Python strptime for the directives date_diff uses; undefined when the text does not match exactly. */
function strptime(text: string, format: string): ParsedDate | undefined {
  let re = '^';
  const fields: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i];
      const pattern: Record<string, string> = {
        Y: '(\\d{4})', m: '(1[0-2]|0[1-9]|[1-9])', d: '(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])', H: '(2[0-3]|[0-1]\\d|\\d)',
        M: '([0-5]\\d|\\d)', S: '(6[0-1]|[0-5]\\d|\\d)', f: '(\\d{1,6})', '%': '%',
      };
      if (!(d in pattern)) return undefined;
      re += pattern[d];
      if (d !== '%') fields.push(d);
    } else if (/\s/.test(c)) re += '\\s+';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(re + '$').exec(text);
  if (!m) return undefined;
  const v: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  fields.forEach((f, i) => (v[f] = f === 'f' ? Number(m[i + 1].padEnd(6, '0')) : Number(m[i + 1])));
  const daysIn = new Date(Date.UTC(v.Y, v.m, 0)).getUTCDate();
  if (v.d > daysIn) return undefined;
  return { ms: Date.UTC(v.Y, v.m - 1, v.d, v.H, v.M, Math.min(v.S, 59)) + v.f / 1000 };
}

const HOURS_MESSAGE =
  'defaults to YYYY-MM-DD hh:mm:ss. Or %Y-%m-%d %H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z s:2022-12-19T18:42:22Z';
const DAYS_MESSAGE = 'invalid date format in function `date_diff_in_days`, it must be ISO format date YYYY-MM-DD, e.g. 2018-09-26';

function dateDiff(fnName: string, unitMs: number, defaultFormat: string, message: string): Fn {
  return (args, kwargs) => {
    const a = bind(fnName, ['d0', 'd1', 'date_format', 'default', 'backup_date_format', 'none_if_error'], args, kwargs, 2);
    const d0 = a.get('d0') ?? null;
    const d1 = a.get('d1') ?? null;
    if (d0 instanceof Placeholder || d1 instanceof Placeholder) {
      const dflt = a.get('default') ?? null;
      return truthy(dflt) ? dflt : 0n;
    }
    const formats = [str(a.get('date_format') ?? defaultFormat)];
    const backup = a.get('backup_date_format') ?? null;
    if (backup !== null) formats.push(str(backup));
    const parse = (d: Value) => {
      const s = strValue(d);
      if (s === undefined) return undefined;
      for (const f of formats) {
        const p = strptime(s, f);
        if (p) return p;
      }
      return undefined;
    };
    const p0 = parse(d0);
    const p1 = p0 && parse(d1);
    if (!p0 || !p1) {
      if (truthy(a.get('none_if_error') ?? false)) return null;
      throw sqlError(message);
    }
    return BigInt(Math.trunc(Math.abs(p1.ms - p0.ms) / unitMs));
  };
}

const dayDiff: Fn = (args, kwargs) => {
  try {
    return dateDiff('day_diff', 86400000, '%Y-%m-%d', DAYS_MESSAGE)(args, kwargs);
  } catch (e) {
    if (e instanceof PyError && e.kind === 'SQLTemplateException') {
      throw sqlError(
        'invalid date format in function `day_diff`, it must be ISO format date YYYY-MM-DD, e.g. 2018-09-26. For other fotmats, try `date_diff_in_days`',
      );
    }
    throw e;
  }
};

/** Per-render results of the execution-control functions (§5.8). */
export interface TemplateResults {
  max_threads?: number;
  backend_hint?: string | null;
  cache_ttl?: string;
  activate?: string;
  /** Secret names used through `tb_secret`/`tb_var`. */
  chParams: string[];
}

function oneArg(name: string, args: Value[]): Value {
  if (args.length === 0) throw new PyError('TypeError', `${name}() missing 1 required positional argument: 'x'`);
  return args[0];
}

function renderFunctions(results: TemplateResults, testMode: boolean, secrets: string[]): Record<string, Fn> {
  const secret: Fn = (args, kwargs) => {
    if (args.length !== 1 || kwargs.size) {
      throw new PyError('TypeError', `generate.<locals>.set_tb_secret() takes 1 positional argument but ${args.length} were given`);
    }
    const name = str(args[0]);
    if (secrets.includes(`tb_secret_${name}`) || testMode) {
      if (secrets.includes(`tb_secret_${name}`)) results.chParams.push(name);
      return new ExprStr(`{${escapeIdentifier(name)}: String}`);
    }
    throw sqlError(`Cannot access secret '${name}'. Check the secret exists in the Workspace and the token has the required scope.`);
  };
  return {
    max_threads: (args) => {
      const n = oneArg('max_threads', args);
      try {
        results.max_threads = Number(pyInt(n));
        return new ExprStr(`-- max_threads ${str(n)}\n`);
      } catch {
        return new ExprStr(`-- max_threads: wrong argument ${str(n)}\n`);
      }
    },
    backend_hint: (args) => {
      const h = oneArg('backend_hint', args);
      results.backend_hint = h === null || h === false ? null : str(h);
      return new ExprStr(`-- backend_hint ${str(h)}\n`);
    },
    cache_ttl: (args) => {
      const e = oneArg('cache_ttl', args);
      if (!['5s', '1m', '5m', '30m', '1h'].includes(str(e))) {
        throw sqlError("Invalid TTL cache expression, valid expressions are ('5s', '1m', '5m', '30m', '1h')");
      }
      results.cache_ttl = str(e);
      return new ExprStr(`-- cache_ttl ${str(e)}\n`);
    },
    activate: (args) => {
      const f = oneArg('activate', args);
      if (!['analyzer', 'parallel_replicas'].includes(str(f))) throw sqlError(`'${str(f)}' is not a valid 'activate' argument`);
      results.activate = str(f);
      return new ExprStr(`-- activate ${str(f)}\n`);
    },
    tb_secret: secret,
    tb_var: secret,
  };
}

const raiseError: Fn = (args) => {
  throw new PyError('ValueError', str(oneArg('error', args)));
};
const raiseCustomError: Fn = (args) => {
  throw new PyError('SQLTemplateCustomError', str(oneArg('custom_error', args)));
};

/** Names set by the engine before the request variables (a request may shadow them). */
export function helperFunctions(): Map<string, Value> {
  const m = new Map<string, Value>();
  m.set('symbol', new PyFunc('symbol', symbol, '<function symbol>'));
  m.set('xhtml_escape', new PyFunc('xhtml_escape', (a) => a[0] ?? null, '<function xhtml_escape>'));
  return m;
}

/** Built once per mode: the functions keep no state between calls, and every render sets them all. */
const TYPE_FUNCTIONS = new Map<boolean, ReadonlyMap<string, Value>>();

/** The type and helper functions, set after the request variables (a request cannot shadow them). */
export function typeFunctions(testMode: boolean): ReadonlyMap<string, Value> {
  let fns = TYPE_FUNCTIONS.get(testMode);
  if (!fns) TYPE_FUNCTIONS.set(testMode, (fns = buildTypeFunctions(testMode)));
  return fns;
}

function buildTypeFunctions(testMode: boolean): Map<string, Value> {
  const fns: Record<string, Fn> = {};
  for (const t of [...SCALAR_TYPES, 'Int', 'Integer']) fns[t] = scalarType(t, testMode);
  Object.assign(fns, {
    Boolean: boolean, bool: boolean, Array: arrayType(testMode), JSON: jsonType(), Symbol: (a: Value[]) => new Sym(str(a[0] ?? null)),
    Column: column, column, columns, table, TABLE: table, sql_and: sqlAnd, defined, enumerate_with_last: enumerateWithLast,
    split_to_array: splitToArray, day_diff: dayDiff,
    date_diff_in_days: dateDiff('date_diff_in_days', 86400000, '%Y-%m-%d', DAYS_MESSAGE),
    date_diff_in_hours: dateDiff('date_diff_in_hours', 3600000, '%Y-%m-%d %H:%M:%S', `invalid date_format in function \`date_diff_in_hours\`, ${HOURS_MESSAGE}`),
    date_diff_in_minutes: dateDiff('date_diff_in_minutes', 60000, '%Y-%m-%d %H:%M:%S', `invalid date_format in function \`date_diff_in_seconds\`, ${HOURS_MESSAGE}`),
    date_diff_in_seconds: dateDiff('date_diff_in_seconds', 1000, '%Y-%m-%d %H:%M:%S', `invalid date_format in function \`date_diff_in_seconds\`, ${HOURS_MESSAGE}`),
    sql_unescape: sqlUnescape,
    error: testMode ? (args: Value[]) => new Comment('ValueError', args.length ? str(args[0]) : '') : raiseError,
    custom_error: testMode ? (args: Value[]) => new Comment('SQLTemplateCustomError', args.length ? str(args[0]) : '') : raiseCustomError,
  });
  const m = new Map<string, Value>();
  for (const [k, f] of Object.entries(fns)) m.set(k, new PyFunc(k, f, `<function ${k}>`));
  return m;
}

export function perRenderFunctions(results: TemplateResults, testMode: boolean, secrets: string[]): Map<string, Value> {
  const m = new Map<string, Value>();
  for (const [k, f] of Object.entries(renderFunctions(results, testMode, secrets))) m.set(k, new PyFunc(k, f, `<function ${k}>`));
  return m;
}


