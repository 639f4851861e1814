// render_sql_template: parse, discover variables, build the namespace, execute, map errors (§7).
import { childNodes, targetNames, type Node } from './python/ast';
import { BUILTIN_NAMES, Scope, assignTarget, evaluate, execute } from './python/interp';
import { parseExpression } from './python/parser';
import { Comment, PyError, PyTuple, Placeholder, iterate, str, truthy, type Value } from './python/values';
import {
  REQUIRED_MESSAGE, type TemplateResults, helperFunctions, perRenderFunctions, sqlText, typeFunctions,
} from './functions';
import { declaredParams, segments, type DeclaredParam } from './params';
import { type Chunk, ExpressionError, TemplateParseError, UnclosedBlockError, compileBlocks, compiled, scan } from './scanner';

export interface RenderOptions {
  /** Request parameters; `null`/absent = no request. */
  variables?: Map<string, Value> | null;
  testMode?: boolean;
  /** Secret keys available (`tb_secret_<name>`). */
  secrets?: string[];
  /** Node name: only changes error texts. */
  name?: string;
}

export interface RenderResult {
  sql: string;
  warnings: string[];
  results: TemplateResults;
  /** `{{ error(…) }}`/`{{ custom_error(…) }}` reached in test mode (rendered as a comment). */
  errorCalls: ErrorCall[];
}

/** A test-mode `error()` call: its template range `[start, end)` and what it raises outside test mode. */
export interface ErrorCall {
  start: number;
  end: number;
  kind: string;
  message: string;
}

/** A failed render: the engine's exception class and message, plus where in the template when known. */
export class TemplateError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly offset?: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

const PREFIX = 'Template Syntax Error: ';
const errorText = (e: PyError) => (e.kind === 'SQLTemplateException' ? PREFIX + e.message : e.message);

const RESERVED_PARAM_NAMES = new Set(
  `__tb__semver debug_source_tables debug explain finalize_aggregations output_format_json_quote_64bit_integers
output_format_json_quote_denormals output_format_parquet_string_as_string pipeline playground q query_id
release_replacements tag template_parameters token`.split(/\s+/),
);
const NOT_DISCOVERED = new Set(['column', 'symbol', 'error', 'custom_error', 'xhtml_escape', 'expression_wrapper']);

export interface ParsedTemplate {
  chunks: Chunk[];
  /** Names assigned anywhere (`set` targets, `for` targets): locals of the compiled function. */
  locals: Set<string>;
  /** Names read by `{{ }}` and control blocks, with the line of their chunk. */
  variables: { name: string; line: number }[];
  /** Declared parameters as render_sql_template sees them, computed by the first render. */
  wrappedParams?: DeclaredParam[];
}

function namesOf(n: Node, out: string[]): void {
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.k === 'Name') out.push(x.id);
    else if (x.k === 'Attribute') out.push(x.attr);
    // visit in evaluation order
    const kids = childrenForNames(x);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function childrenForNames(n: Node): Node[] {
  switch (n.k) {
    case 'Call':
      return [n.func, ...n.args, ...n.keywords.map((k) => k.value)];
    case 'keyword':
      return [n.value];
    default:
      return childNodes(n);
  }
}

function blockNames(c: Chunk, out: string[]): void {
  const info = compiled.get(c);
  if (c.t === 'expr') namesOf(c.node, out);
  else if (c.t === 'set') {
    const s = info?.stmt;
    if (!s) return;
    if (s.k === 'Assign') {
      namesOf(s.value, out);
      s.targets.forEach((t) => namesOf(t, out));
    } else if (s.k === 'AugAssign') {
      namesOf(s.target, out);
      namesOf(s.value, out);
    } else namesOf(s.value, out);
  } else if (c.t === 'inter' && info?.cond) namesOf(info.cond, out);
  else if (c.t === 'block') {
    if (info?.iter) namesOf(info.iter, out);
    if (info?.target) namesOf(info.target, out);
    if (info?.cond) namesOf(info.cond, out);
    for (const b of c.body) blockNames(b, out);
  }
}

function collectLocals(chunks: Chunk[], out: Set<string>): void {
  for (const c of chunks) {
    const info = compiled.get(c);
    if (c.t === 'set' && info?.stmt) {
      const s = info.stmt;
      if (s.k === 'Assign') s.targets.forEach((t) => targetNames(t).forEach((n) => out.add(n)));
      else if (s.k === 'AugAssign') targetNames(s.target).forEach((n) => out.add(n));
    } else if (c.t === 'block') {
      if (info?.target) targetNames(info.target).forEach((n) => out.add(n));
      collectLocals(c.body, out);
    }
  }
}

/** `break`/`continue` whose innermost block is not a loop fail when that block is compiled on its own. */
function checkJumps(chunks: Chunk[], inner: Chunk | null): void {
  for (const c of chunks) {
    if (c.t === 'jump' && inner && inner.t === 'block' && inner.op !== 'for' && inner.op !== 'while') {
      throw new PyError('SyntaxError', c.op === 'break' ? "'break' outside loop (<string>, line 2)" : "'continue' not properly in loop (<string>, line 2)");
    }
    if (c.t === 'block') checkJumps(c.body, c);
  }
}

const parseCache = new Map<string, ParsedTemplate>();

/** Scans and compiles a template (cached per template text and name). */
export function parseTemplate(template: string, name?: string): ParsedTemplate {
  const cacheKey = `${name ?? ''}\u0000${template}`;
  const hit = parseCache.get(cacheKey);
  if (hit) return hit;
  const chunks = scan(template, name);
  compileBlocks(chunks, name);
  const locals = new Set<string>();
  collectLocals(chunks, locals);
  const variables: { name: string; line: number }[] = [];
  for (const c of chunks) {
    if (c.t !== 'expr' && c.t !== 'block') continue;
    const names: string[] = [];
    blockNames(c, names);
    for (const n of names) {
      if (NOT_DISCOVERED.has(n) || n.startsWith('_tt_') || /^__.*__$/.test(n)) continue;
      if (BUILTIN_NAMES.has(n) && n !== 'format') continue;
      variables.push({ name: n, line: c.line });
    }
  }
  const parsed = { chunks, locals, variables };
  if (parseCache.size > 2000) parseCache.clear();
  parseCache.set(cacheKey, parsed);
  return parsed;
}

class BreakSignal {}
class ContinueSignal {}

/** Runs chunks; an error is tagged with the template range of the innermost tag that raised it. */
function run(chunks: Chunk[], scope: Scope, out: string[], comments: ErrorCall[]): void {
  for (const c of chunks) {
    try {
      runChunk(c, scope, out, comments);
    } catch (e) {
      if (e instanceof PyError && !e.span && c.t !== 'text') e.span = [c.start, c.end];
      throw e;
    }
  }
}

function runChunk(c: Chunk, scope: Scope, out: string[], comments: ErrorCall[]): void {
    switch (c.t) {
      case 'text':
        out.push(c.s);
        break;
      case 'expr': {
        const v = evaluate(c.node, scope);
        if (v === null) {
          const text = c.code.length > 20 ? `${c.code.slice(0, 20)}...` : c.code;
          throw new PyError('SQLTemplateException', `expression "${text}" evaluated to null`);
        }
        if (v instanceof Comment) comments.push({ start: c.start, end: c.end, kind: v.kind, message: v.message });
        out.push(sqlText(v));
        break;
      }
      case 'set':
        execute(compiled.get(c)!.stmt!, scope);
        break;
      case 'jump':
        throw c.op === 'break' ? new BreakSignal() : new ContinueSignal();
      case 'block':
        runBlock(c, scope, out, comments);
        break;
    }
}

/** Evaluates an `{% elif %}` condition, tagging its errors with the elif tag rather than the `{% if %}`. */
function evaluateAt(head: Chunk | null, cond: Node, scope: Scope): Value {
  try {
    return evaluate(cond, scope);
  } catch (e) {
    if (e instanceof PyError && !e.span && head && head.t !== 'text') e.span = [head.start, head.end];
    throw e;
  }
}

function runBlock(c: Extract<Chunk, { t: 'block' }>, scope: Scope, out: string[], comments: ErrorCall[]): void {
  const segs = segments(c.body);
  const info = compiled.get(c)!;
  const elseSeg = segs.find((s) => s.head?.t === 'inter' && s.head.op === 'else');
  if (c.op === 'if') {
    for (const s of segs) {
      const head = s.head;
      const cond = head === null ? info.cond : head.t === 'inter' && head.op === 'elif' ? compiled.get(head)!.cond : undefined;
      if (cond === undefined || truthy(evaluateAt(head, cond, scope))) {
        run(s.chunks, scope, out, comments);
        return;
      }
    }
    return;
  }
  if (c.op === 'for' || c.op === 'while') {
    const loop = (body: () => void): boolean => {
      try {
        body();
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      }
      return true;
    };
    let completed = true;
    if (c.op === 'for') {
      for (const item of iterate(evaluate(info.iter!, scope))) {
        assignTarget(info.target!, item, scope);
        if (!loop(() => run(segs[0].chunks, scope, out, comments))) {
          completed = false;
          break;
        }
      }
    } else {
      for (let guard = 0; truthy(evaluate(info.cond!, scope)); guard++) {
        if (guard > 1_000_000) throw new PyError('RuntimeError', 'while loop did not terminate');
        if (!loop(() => run(segs[0].chunks, scope, out, comments))) {
          completed = false;
          break;
        }
      }
    }
    if (completed && elseSeg) run(elseSeg.chunks, scope, out, comments);
    return;
  }
  // try / except / else / finally
  const finallySeg = segs.find((s) => s.head?.t === 'inter' && s.head.op === 'finally');
  try {
    let failed = false;
    try {
      run(segs[0].chunks, scope, out, comments);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      failed = true;
      const handler = segs.find((s) => {
        if (s.head?.t !== 'inter' || s.head.op !== 'except') return false;
        const type = s.head.suffix.split(/\s+as\s+/)[0].trim();
        return !type || type === 'Exception' || type === e.kind || (type === 'ValueError' && e.kind === 'SQLTemplateException');
      });
      if (!handler) throw e;
      const alias = handler.head!.t === 'inter' ? /\s+as\s+(\w+)$/.exec(handler.head!.suffix)?.[1] : undefined;
      if (alias) scope.assign(alias, errorText(e));
      run(handler.chunks, scope, out, comments);
    }
    if (!failed && elseSeg) run(elseSeg.chunks, scope, out, comments);
  } finally {
    if (finallySeg) run(finallySeg.chunks, scope, out, comments);
  }
}

/** Names whose parameters have no default, for the "Required parameter" message (§7.3). */
function requiredMessage(params: DeclaredParam[]): string {
  const names: string[] = [];
  for (const p of params) {
    if (p.default !== null || 'used_in' in p) continue;
    const n = String(p.name);
    if (!names.includes(n)) names.push(n);
  }
  if (!names.length) return PREFIX + REQUIRED_MESSAGE;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${PREFIX}${REQUIRED_MESSAGE}. Check the parameters ${list}. Please provide a value or set a default value in the pipe code.`;
}

/** §4.3: request values of parameters first declared as `Array(T)` become Python lists. */
function preprocessArrays(variables: Map<string, Value>, params: DeclaredParam[]): Map<string, Value> {
  const first = new Map<string, string>();
  for (const p of params) if (typeof p.name === 'string' && !first.has(p.name)) first.set(p.name, p.type);
  const out = new Map(variables);
  const fns = typeFunctions(false);
  for (const [name, value] of variables) {
    const m = /^Array\((.*)\)$/.exec(first.get(name) ?? '');
    if (!m) continue;
    try {
      const rendered = (fns.get('Array') as { fn: (a: Value[], k: Map<string, Value>) => Value }).fn([value, m[1]], new Map());
      out.set(name, literalEval(parseExpression(str(rendered))));
    } catch {
      // left unchanged, as Tinybird does
    }
  }
  return out;
}

function literalEval(n: Node): Value {
  switch (n.k) {
    case 'Constant':
      return n.value;
    case 'List':
      return n.elts.map(literalEval);
    case 'Tuple':
      return new PyTuple(n.elts.map(literalEval));
    case 'UnaryOp':
      if (n.op === 'USub' && n.operand.k === 'Constant' && (typeof n.operand.value === 'bigint' || typeof n.operand.value === 'number')) {
        return -n.operand.value as Value;
      }
  }
  throw new PyError('ValueError', 'malformed node or string');
}

function toTemplateError(e: unknown): TemplateError {
  if (e instanceof TemplateError) return e;
  if (e instanceof ExpressionError) return new TemplateError(e.kind, errorText(e), e.offset, e.end);
  if (e instanceof TemplateParseError || e instanceof UnclosedBlockError) return new TemplateError(e.kind, e.message, e.offset);
  if (e instanceof PyError) return new TemplateError(e.kind, errorText(e), e.span?.[0], e.span?.[1]);
  if (e instanceof RangeError) return new TemplateError('RecursionError', 'maximum recursion depth exceeded');
  throw e;
}

/** Renders a template as Tinybird's render_sql_template does; throws TemplateError. */
export function renderTemplate(template: string, options: RenderOptions = {}): RenderResult {
  const testMode = options.testMode ?? false;
  let parsed: ParsedTemplate;
  let wrappedParams: DeclaredParam[];
  const warnings: string[] = [];
  try {
    parsed = parseTemplate(template, options.name);
    checkJumps(parsed.chunks, null);
    for (const v of parsed.variables) {
      if (v.name === 'format' || v.name === 'q') {
        throw new PyError('ValueError', `"${v.name}" can not be used as a variable name, line ${v.line}`);
      }
      if (RESERVED_PARAM_NAMES.has(v.name)) warnings.push(v.name);
    }
    wrappedParams = parsed.wrappedParams ??= declaredParams(parsed.chunks, true);
  } catch (e) {
    throw toTemplateError(e);
  }
  let variables = options.variables ?? null;
  if (variables) variables = preprocessArrays(variables, wrappedParams);

  const results: TemplateResults = { chParams: [] };
  const globals = helperFunctions();
  for (const v of parsed.variables) globals.set(v.name, testMode ? new Placeholder(v.name, v.line) : null);
  if (variables) for (const [k, v] of variables) globals.set(k, v);
  if (options.secrets) globals.set('tb_secrets', options.secrets);
  for (const [k, v] of typeFunctions(testMode)) globals.set(k, v);
  for (const [k, v] of perRenderFunctions(results, testMode, options.secrets ?? [])) globals.set(k, v);

  const scope = new Scope(parsed.locals, globals);
  const out: string[] = [];
  const comments: ErrorCall[] = [];
  try {
    run(parsed.chunks, scope, out, comments);
  } catch (raw) {
    const span = raw instanceof PyError ? raw.span : undefined;
    const fail = (kind: string, message: string) => new TemplateError(kind, message, span?.[0], span?.[1]);
    if (raw instanceof BreakSignal || raw instanceof ContinueSignal) throw new TemplateError('SyntaxError', "'break' outside loop");
    let e = raw;
    if (e instanceof RangeError) e = new PyError('RecursionError', 'maximum recursion depth exceeded');
    if (!(e instanceof PyError)) throw e;
    // generate(): exception mapping
    if (e.kind === 'UnboundLocalError') e = new PyError('SQLTemplateException', e.message);
    else if (e.kind === 'TypeError') {
      const hint = e.message.includes("not supported between instances of 'Placeholder' and ")
        ? '. If you are using a dynamic parameter, you need to wrap it around a valid Data Type (e.g. Int8(placeholder))'
        : '';
      e = new PyError('ValueError', e.message + hint);
    } else if (e.kind !== 'SQLTemplateCustomError') {
      const x = globals.get('x');
      if (x instanceof Placeholder && x.line) e = new PyError('ValueError', `${errorText(e)}, line ${x.line}`);
    }
    // render_sql_template(): exception mapping
    const err = e as PyError;
    if (err.kind === 'NameError') throw fail('SQLTemplateException', PREFIX + err.message);
    if (err.kind === 'SQLTemplateException') {
      throw fail(err.kind, err.message.includes(REQUIRED_MESSAGE) ? requiredMessage(wrappedParams) : errorText(err));
    }
    if (err.kind !== 'SQLTemplateCustomError') {
      const length = globals.get('length');
      if (globals.has('length') && !truthy(length ?? null)) {
        throw fail('SQLTemplateException', `${PREFIX}length cannot be used as a variable name or as a function inside of a template`);
      }
      if (err.message.includes('missing 1 required positional argument')) {
        throw fail('SQLTemplateException', `${PREFIX}one of the transform type functions is missing an argument`);
      }
      if (err.message.includes('not callable') || err.message.includes('unhashable type')) {
        throw fail('SQLTemplateException', `${PREFIX}wrong syntax, you might be using a not valid function inside a control block`);
      }
    }
    throw fail(err.kind, err.message);
  }
  return { sql: out.join(''), warnings, results, errorCalls: comments };
}

/** Declared parameters of a template (get_var_names_and_types on the unwrapped template). */
export function templateParams(template: string): DeclaredParam[] {
  try {
    return declaredParams(parseTemplate(template).chunks, false);
  } catch (e) {
    throw toTemplateError(e);
  }
}
