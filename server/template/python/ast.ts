// The Python-expression subset the template engine evaluates (names follow Python's `ast` module).
import type { Value } from './values';

export type Node =
  | { k: 'Name'; id: string }
  | { k: 'Constant'; value: Value }
  | { k: 'BinOp'; op: string; left: Node; right: Node }
  | { k: 'UnaryOp'; op: string; operand: Node }
  | { k: 'BoolOp'; op: 'and' | 'or'; values: Node[] }
  | { k: 'Compare'; left: Node; ops: string[]; comparators: Node[] }
  | { k: 'Call'; func: Node; args: Node[]; keywords: Keyword[] }
  | { k: 'Attribute'; value: Node; attr: string }
  | { k: 'Subscript'; value: Node; slice: Node }
  | { k: 'Slice'; lower: Node | null; upper: Node | null; step: Node | null }
  | { k: 'IfExp'; test: Node; body: Node; orelse: Node }
  | { k: 'List'; elts: Node[] }
  | { k: 'Tuple'; elts: Node[] }
  | { k: 'Set'; elts: Node[] }
  | { k: 'Dict'; keys: Node[]; values: Node[] }
  | { k: 'ListComp'; elt: Node; generators: Comprehension[] }
  | { k: 'Starred'; value: Node }
  | { k: 'Lambda' }
  | { k: 'JoinedStr'; parts: Node[] }
  | Keyword;

export interface Keyword {
  k: 'keyword';
  arg: string | null;
  value: Node;
}

export interface Comprehension {
  target: Node;
  iter: Node;
  ifs: Node[];
}

/** A `{% set %}` statement: assignment, augmented assignment or a bare expression. */
export type Statement =
  | { k: 'Assign'; targets: Node[]; value: Node }
  | { k: 'AugAssign'; target: Node; op: string; value: Node }
  | { k: 'Expr'; value: Node };

/** Children in Python's `ast.iter_child_nodes` order (used for breadth-first walks). */
export function childNodes(n: Node): Node[] {
  switch (n.k) {
    case 'BinOp':
      return [n.left, n.right];
    case 'UnaryOp':
      return [n.operand];
    case 'BoolOp':
      return n.values;
    case 'Compare':
      return [n.left, ...n.comparators];
    case 'Call':
      return [n.func, ...n.args, ...n.keywords];
    case 'keyword':
      return [n.value];
    case 'Attribute':
      return [n.value];
    case 'Subscript':
      return [n.value, n.slice];
    case 'Slice':
      return [n.lower, n.upper, n.step].filter((x): x is Node => x !== null);
    case 'IfExp':
      return [n.test, n.body, n.orelse];
    case 'List':
    case 'Tuple':
    case 'Set':
      return n.elts;
    case 'Dict':
      return [...n.keys, ...n.values];
    case 'ListComp':
      return [n.elt, ...n.generators.flatMap((g) => [g.target, g.iter, ...g.ifs])];
    case 'Starred':
      return [n.value];
    case 'JoinedStr':
      return n.parts;
    default:
      return [];
  }
}

/** Names stored by an assignment target. */
export function targetNames(t: Node, out: string[] = []): string[] {
  if (t.k === 'Name') out.push(t.id);
  else if (t.k === 'Tuple' || t.k === 'List') for (const e of t.elts) targetNames(e, out);
  else if (t.k === 'Starred') targetNames(t.value, out);
  return out;
}
