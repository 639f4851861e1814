// Python's json.loads: ints stay ints (bigint), floats stay floats, errors carry Python's wording.
import { PyDict, PyError, type Value } from './python/values';

export function jsonLoads(text: string): Value {
  let i = 0;
  const fail = (msg: string, at = i): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const col = at - (before.lastIndexOf('\n') + 1) + 1;
    throw new PyError('JSONDecodeError', `${msg}: line ${line} column ${col} (char ${at})`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const d = new PyDict();
      ws();
      if (text[i] === '}') {
        i++;
        return d;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
        const k = string();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter");
        i++;
        d.set(k, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return d;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '[') {
      i++;
      const out: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return string();
    const lit = /^(?:true|false|null|NaN|Infinity|-Infinity)/.exec(text.slice(i, i + 9));
    if (lit) {
      i += lit[0].length;
      return { true: true, false: false, null: null, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }[lit[0]] as Value;
    }
    const num = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return num[1] || num[2] ? Number(num[0]) : BigInt(num[0]);
    }
    return fail('Expecting value');
  };
  const string = (): string => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string starting at', start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const n = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (n in simple) {
          out += simple[n];
          i += 2;
        } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('Invalid \\escape', i);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('Invalid control character at');
      out += c;
      i++;
    }
  };
  const v = value();
  ws();
  if (i < text.length) fail('Extra data');
  return v;
}

/** Converts a plain JS value (from JSON.parse) to a Python value; integral numbers become ints. */
export function fromJs(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(fromJs);
  const d = new PyDict();
  for (const [k, x] of Object.entries(v as object)) d.set(k, fromJs(x));
  return d;
}
