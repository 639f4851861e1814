// What a `{{ }}` expression may contain (§3.1), with Python's `ast.dump` text in the rejection messages.
import type { Node } from './python/ast';
import { Ellipsis, PyError, repr } from './python/values';

/** Bare function names callable inside `{{ }}`. */
export const EXPRESSION_FUNCTIONS: ReadonlySet<string> = new Set(
  `Boolean DateTime DateTime64 Date Float32 Float64 Int8 Int16 Int32 Int64 Int128 Int256 UInt8 UInt16 UInt32 UInt64
UInt128 UInt256 String Array symbol cache_ttl error custom_error backend_hint activate sql_unescape max_threads tb_secret
tb_var Int table TABLE len list min max Integer int float JSON defined column columns day_diff date_diff_in_seconds
date_diff_in_minutes date_diff_in_hours date_diff_in_days split_to_array enumerate_with_last sql_and`.split(/\s+/),
);
const METHODS = new Set(['split', 'get', 'join', 'replace']);
const ALLOWED_BINOPS = new Set(['Add', 'Sub', 'Mult']);
const ALLOWED_UNARY = new Set(['USub', 'Not']);
const COMPARE_NAMES: Record<string, string> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', is: 'Is', 'is not': 'IsNot', in: 'In',
  'not in': 'NotIn',
};

const reject = (text: string) => new PyError('SQLTemplateException', text);

export function checkValidExpression(n: Node): void {
  switch (n.k) {
    case 'Name':
      return;
    case 'Constant':
      if (n.value instanceof Ellipsis) throw reject(`Invalid Constant: ${dump(n)}`);
      return;
    case 'Call': {
      const f = n.func;
      if (f.k === 'Name') {
        if (!EXPRESSION_FUNCTIONS.has(f.id)) throw reject(`Invalid function name: ${f.id}`);
      } else if (f.k === 'Attribute') {
        if (!METHODS.has(f.attr)) throw reject(`Invalid method name: ${f.attr}`);
        checkValidExpression(f.value);
      } else if (f.k === 'Call') checkValidExpression(f);
      else throw reject(`Invalid function: ${dump(f)}`);
      for (const a of n.args) checkValidExpression(a);
      return;
    }
    case 'UnaryOp':
      if (!ALLOWED_UNARY.has(n.op)) throw reject(`Invalid UnaryOp: ${n.op}()`);
      checkValidExpression(n.operand);
      return;
    case 'BinOp':
      if (!ALLOWED_BINOPS.has(n.op)) throw reject(`Invalid BinOp: ${n.op}()`);
      checkValidExpression(n.left);
      checkValidExpression(n.right);
      return;
    case 'Subscript': {
      checkValidExpression(n.value);
      const s = n.slice;
      if (s.k === 'Constant' || s.k === 'Subscript') checkValidExpression(s);
      else if (s.k === 'Slice') {
        if (s.lower) checkValidExpression(s.lower);
        if (s.upper) checkValidExpression(s.upper);
      } else throw reject(`Invalid Slice expression: ${dump(s)}`);
      return;
    }
    case 'IfExp':
      checkValidExpression(n.test);
      checkValidExpression(n.body);
      checkValidExpression(n.orelse);
      return;
    case 'List':
    case 'Tuple':
    case 'Set':
      n.elts.forEach(checkValidExpression);
      return;
    case 'Dict':
      n.keys.forEach(checkValidExpression);
      n.values.forEach(checkValidExpression);
      return;
    case 'JoinedStr':
      n.parts.forEach(checkValidExpression);
      return;
    default:
      throw reject(`Invalid expression type: ${dump(n)}`);
  }
}

const list = (nodes: Node[], ctx = 'Load') => `[${nodes.map((x) => dump(x, ctx)).join(', ')}]`;

/** Python's `ast.dump(node)` (3.12 layout) for the node kinds the parser produces. */
export function dump(n: Node, ctx = 'Load'): string {
  switch (n.k) {
    case 'Name':
      return `Name(id=${repr(n.id)}, ctx=${ctx}())`;
    case 'Constant':
      return `Constant(value=${n.value instanceof Ellipsis ? 'Ellipsis' : repr(n.value)})`;
    case 'BinOp':
      return `BinOp(left=${dump(n.left)}, op=${n.op}(), right=${dump(n.right)})`;
    case 'UnaryOp':
      return `UnaryOp(op=${n.op}(), operand=${dump(n.operand)})`;
    case 'BoolOp':
      return `BoolOp(op=${n.op === 'and' ? 'And' : 'Or'}(), values=${list(n.values)})`;
    case 'Compare':
      return `Compare(left=${dump(n.left)}, ops=[${n.ops.map((o) => `${COMPARE_NAMES[o]}()`).join(', ')}], comparators=${list(n.comparators)})`;
    case 'Call':
      return `Call(func=${dump(n.func)}, args=${list(n.args)}, keywords=[${n.keywords.map((k) => dump(k)).join(', ')}])`;
    case 'keyword':
      return `keyword(${n.arg === null ? '' : `arg=${repr(n.arg)}, `}value=${dump(n.value)})`;
    case 'Attribute':
      return `Attribute(value=${dump(n.value)}, attr=${repr(n.attr)}, ctx=${ctx}())`;
    case 'Subscript':
      return `Subscript(value=${dump(n.value)}, slice=${dump(n.slice)}, ctx=${ctx}())`;
    case 'Slice': {
      const parts = (['lower', 'upper', 'step'] as const).flatMap((f) => (n[f] ? [`${f}=${dump(n[f]!)}`] : []));
      return `Slice(${parts.join(', ')})`;
    }
    case 'IfExp':
      return `IfExp(test=${dump(n.test)}, body=${dump(n.body)}, orelse=${dump(n.orelse)})`;
    case 'List':
      return `List(elts=${list(n.elts, ctx)}, ctx=${ctx}())`;
    case 'Tuple':
      return `Tuple(elts=${list(n.elts, ctx)}, ctx=${ctx}())`;
    case 'Set':
      return `Set(elts=${list(n.elts)})`;
    case 'Dict':
      return `Dict(keys=${list(n.keys)}, values=${list(n.values)})`;
    case 'Starred':
      return `Starred(value=${dump(n.value, ctx)}, ctx=${ctx}())`;
    case 'ListComp':
      return `ListComp(elt=${dump(n.elt)}, generators=[${n.generators
        .map((g) => `comprehension(target=${dump(g.target, 'Store')}, iter=${dump(g.iter)}, ifs=${list(g.ifs)}, is_async=0)`)
        .join(', ')}])`;
    case 'JoinedStr':
      return `JoinedStr(values=${list(n.parts)})`;
    default:
      return 'Lambda()';
  }
}
