// Declared parameters of a template, as Tinybird's get_var_names_and_types reports them (§8).
import type { Node, Statement } from './python/ast';
import { childNodes } from './python/ast';
import { BUILTIN_NAMES } from './python/interp';
import { PyError } from './python/values';
import { EXPRESSION_FUNCTIONS } from './security';
import { SCALAR_TYPES } from './functions';
import { type Chunk, compiled } from './scanner';

export type ParamValue = string | number | boolean | null | ParamValue[];

/** One declared parameter: `{name, type, default, required?, description?, used_in?, …keywords}`. */
export interface DeclaredParam {
  name: ParamValue;
  type: string;
  default: ParamValue;
  [keyword: string]: ParamValue;
}

const TYPED = new Set([...SCALAR_TYPES, 'Boolean', 'JSON']);
const CUSTOM = new Set([
  'defined', 'column', 'columns', 'day_diff', 'date_diff_in_seconds', 'date_diff_in_minutes', 'date_diff_in_hours',
  'date_diff_in_days', 'split_to_array', 'enumerate_with_last', 'sql_and',
]);
const ENGINE_NAMES = new Set([
  'expression_wrapper', 'xhtml_escape', 'symbol', 'column', 'error', 'custom_error', 'Symbol', 'Column', 'TABLE', 'table',
  'Array', 'JSON', 'Boolean', 'bool', 'Int', 'Integer', 'tb_secret', 'tb_var', 'max_threads', 'backend_hint', 'cache_ttl',
  'activate', 'sql_unescape', 'columns', 'sql_and', 'defined', 'enumerate_with_last', 'split_to_array', 'day_diff',
  'date_diff_in_seconds', 'date_diff_in_minutes', 'date_diff_in_hours', 'date_diff_in_days', 'tb_secrets',
]);

export const isReservedName = (name: string) =>
  name.startsWith('_tt_') || BUILTIN_NAMES.has(name) || EXPRESSION_FUNCTIONS.has(name) || ENGINE_NAMES.has(name) || TYPED.has(name);

/** A node of the Python code Tinybird generates for a control block (statements around user expressions). */
interface Generated {
  k: 'Generated';
  children: Item[];
}
type Item = Node | Generated;

const gen = (children: Item[]): Generated => ({ k: 'Generated', children });
const TT_TMP: Node = { k: 'Name', id: '_tt_tmp' };

function statementItem(s: Statement): Generated {
  if (s.k === 'Assign') return gen([...s.targets, s.value]);
  if (s.k === 'AugAssign') return gen([s.target, s.value]);
  return gen([s.value]);
}

export function wrapExpression(node: Node, code: string): Node {
  return { k: 'Call', func: { k: 'Name', id: 'expression_wrapper' }, args: [node, { k: 'Constant', value: code }], keywords: [] };
}

/** Splits a block body at its `else`/`elif`/`except`/`finally` chunks. */
export function segments(body: Chunk[]): { head: Chunk | null; chunks: Chunk[] }[] {
  const out: { head: Chunk | null; chunks: Chunk[] }[] = [{ head: null, chunks: [] }];
  for (const c of body) {
    if (c.t === 'inter') out.push({ head: c, chunks: [] });
    else out[out.length - 1].chunks.push(c);
  }
  return out;
}

function bodyItems(chunks: Chunk[], wrapped: boolean): Item[] {
  const out: Item[] = [];
  for (const c of chunks) {
    if (c.t === 'expr') out.push(gen([TT_TMP, wrapped ? wrapExpression(c.node, c.code) : c.node]));
    else if (c.t === 'set') {
      const stmt = compiled.get(c)?.stmt;
      if (stmt) out.push(statementItem(stmt));
    } else if (c.t === 'block') out.push(blockItem(c, wrapped));
  }
  return out;
}

export function blockItem(c: Extract<Chunk, { t: 'block' }>, wrapped: boolean): Generated {
  const segs = segments(c.body);
  const info = compiled.get(c) ?? {};
  if (c.op === 'if') {
    const build = (i: number, test: Node | undefined): Generated => {
      const children: Item[] = test ? [test] : [];
      children.push(...bodyItems(segs[i].chunks, wrapped));
      const next = segs[i + 1];
      if (next) {
        const head = next.head as Extract<Chunk, { t: 'inter' }>;
        if (head.op === 'elif') children.push(build(i + 1, compiled.get(head)?.cond));
        else children.push(...bodyItems(next.chunks, wrapped));
      }
      return gen(children);
    };
    return build(0, info.cond);
  }
  const children: Item[] = [];
  if (c.op === 'for' && info.target && info.iter) children.push(info.target, info.iter);
  if (c.op === 'while' && info.cond) children.push(info.cond);
  for (const s of segs) children.push(gen(bodyItems(s.chunks, wrapped)));
  return gen(children);
}

const MAX_SAFE = 9007199254740991n;

function valueOf(n: Node): ParamValue {
  switch (n.k) {
    case 'Constant': {
      const v = n.value;
      if (typeof v === 'bigint') return v > MAX_SAFE ? v.toString() : Number(v);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
      return null;
    }
    case 'UnaryOp':
      if (n.op === 'USub' && n.operand.k === 'Constant' && (typeof n.operand.value === 'bigint' || typeof n.operand.value === 'number')) {
        const v = n.operand.value;
        return typeof v === 'bigint' ? (v === 0n ? 0 : Number(-v)) : -v;
      }
      return null;
    case 'Name':
      return n.id;
    case 'List':
      return n.elts.map(valueOf);
    case 'BinOp': {
      const left = valueOf(n.left);
      return truthyParam(left) ? left : valueOf(n.right);
    }
    default:
      return null;
  }
}

const truthyParam = (v: ParamValue) => !(v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));

function paramRepr(v: ParamValue): string {
  if (Array.isArray(v)) return `[${v.map(paramRepr).join(', ')}]`;
  if (typeof v === 'string') return `'${v}'`;
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

function analyse(root: Item, out: DeclaredParam[]): void {
  const entries = new Map<string, DeclaredParam>();
  const key = (v: ParamValue) => JSON.stringify(v);
  // A later declaration replaces the entry but keeps its first position (Map.set semantics).
  const put = (name: ParamValue, entry: Omit<DeclaredParam, 'name'>) => entries.set(key(name), { name, ...entry } as DeclaredParam);
  const call = (n: Extract<Node, { k: 'Call' }>): void => {
    if (n.func.k !== 'Name') return;
    const f = n.func.id;
    if (!TYPED.has(f) && f !== 'Array' && !CUSTOM.has(f)) return;
    const positional: ParamValue[] = [];
    for (const a of n.args) {
      if (a.k === 'Call') call(a);
      else positional.push(valueOf(a));
    }
    const a0 = positional.length ? positional[0] : null;
    if (Array.isArray(a0)) throw new PyError('ValueError', `"${paramRepr(a0)}" can not be used as a variable name`);
    const keywords: Record<string, ParamValue> = {};
    for (const kw of n.keywords) if (kw.arg !== null) keywords[kw.arg] = valueOf(kw.value);
    if (TYPED.has(f)) {
      if (a0 === null) return;
      put(a0, { type: f, ...keywords, default: 'default' in keywords ? keywords.default : positional.length > 1 ? positional[1] : null });
    } else if (f === 'Array') {
      if (a0 === null) return;
      const t = positional.length > 1 && truthyParam(positional[1]) ? `Array(${positional[1]})` : 'Array(String)';
      const a2 = positional.length > 2 && truthyParam(positional[2]) ? positional[2] : null;
      put(a0, { type: t, ...keywords, default: 'default' in keywords ? keywords.default : a2 });
    } else if (truthyParam(a0) && !entries.has(key(a0))) {
      put(a0, { type: 'String', default: null, used_in: 'function_call' });
    }
  };
  const queue: { n: Item; parent: Item | null }[] = [{ n: root, parent: null }];
  for (let qi = 0; qi < queue.length; qi++) {
    const { n, parent } = queue[qi];
    const kids = n.k === 'Generated' ? n.children : childNodes(n);
    for (const c of kids) queue.push({ n: c, parent: n });
    if (n.k === 'Call') call(n);
    else if (n.k === 'Name' && parent?.k !== 'Call' && !isReservedName(n.id)) put(n.id, { type: 'String', default: null });
  }
  out.push(...entries.values());
}

/** The code get_var_names_and_types analyses, one root per `{{ }}` and per control block, in template order. */
function analysedRoots(chunks: Chunk[], wrapped: boolean, visit: (root: Item) => void): void {
  for (const c of chunks) {
    if (c.t === 'expr') visit(gen([wrapped ? wrapExpression(c.node, c.code) : c.node]));
    else if (c.t === 'block') {
      visit(blockItem(c, wrapped));
      analysedRoots(c.body, wrapped, visit);
    }
  }
}

/** Declared parameters in Tinybird's order, duplicates included (`wrapped` = as render_sql_template sees them). */
export function declaredParams(chunks: Chunk[], wrapped = false): DeclaredParam[] {
  const out: DeclaredParam[] = [];
  analysedRoots(chunks, wrapped, (root) => analyse(root, out));
  return out;
}

/**
 * Names the template reads only as `name.attr`, never as a value nor through a method (e.g. Jinja's
 * `loop.first`): objects the author expected the engine to provide, which no request sets.
 */
export function attributeOnlyNames(chunks: Chunk[]): Set<string> {
  const asObject = new Set<string>();
  const asValue = new Set<string>();
  analysedRoots(chunks, false, (root) => {
    const stack: { n: Item; parent: Item | null }[] = [{ n: root, parent: null }];
    while (stack.length) {
      const { n, parent } = stack.pop()!;
      for (const c of n.k === 'Generated' ? n.children : childNodes(n)) stack.push({ n: c, parent: n });
      if (n.k === 'Name') (parent?.k === 'Attribute' ? asObject : asValue).add(n.id);
      // a method call (`x.split(',')`) reads a string value
      else if (n.k === 'Call' && n.func.k === 'Attribute' && n.func.value.k === 'Name') asValue.add(n.func.value.id);
    }
  });
  return new Set([...asObject].filter((name) => !asValue.has(name)));
}
