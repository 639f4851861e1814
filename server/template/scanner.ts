// Splits a template into chunks the way Tinybird's Tornado-derived parser does (§2 of template-engine.md).
import type { Node, Statement } from './python/ast';
import { PySyntaxError, parseExpression, parseForHeader, parseStatement } from './python/parser';
import { PyError } from './python/values';
import { checkValidExpression } from './security';

export type BlockOp = 'if' | 'for' | 'while' | 'try' | 'block';

/** Tags carry their template offsets `[start, end)` (a block: its opening tag). */
export type Chunk =
  | { t: 'text'; s: string }
  | { t: 'expr'; code: string; node: Node; line: number; start: number; end: number }
  | { t: 'block'; op: BlockOp; suffix: string; line: number; body: Chunk[]; start: number; end: number }
  | { t: 'inter'; op: string; suffix: string; line: number; start: number; end: number }
  | { t: 'set'; code: string; line: number; start: number; end: number }
  | { t: 'jump'; op: 'break' | 'continue'; line: number; start: number; end: number };

/** `<message> at <name>:<line>`, raised while scanning. */
export class TemplateParseError extends PyError {
  constructor(
    readonly bare: string,
    readonly name: string,
    readonly line: number,
    /** Offset in the template where the error was detected. */
    readonly offset: number,
  ) {
    super('ParseError', `${bare} at ${name}:${line}`);
  }
}

const INTERMEDIATE: Record<string, BlockOp[]> = {
  else: ['for', 'while', 'if', 'try'],
  elif: ['if'],
  except: ['try'],
  finally: ['try'],
};
const FORBIDDEN: Record<string, string> = {
  extends: 'extends', include: 'include', import: 'import', from: 'import', autoescape: 'autoescape', raw: 'raw',
  module: 'module', apply: 'apply',
};
const pySetRepr = (items: string[]) => `{${items.map((i) => `'${i}'`).join(', ')}}`;

type Whitespace = 'all' | 'single' | 'oneline';

function filterWhitespace(mode: Whitespace, text: string): string {
  if (mode === 'all' || text.includes('<pre>')) return text;
  if (mode === 'single') return text.replace(/[\t ]+/g, ' ').replace(/\s*\n\s*/g, '\n');
  return text.replace(/\s+/g, ' ');
}

export interface ScanResult {
  chunks: Chunk[];
}

class Reader {
  pos = 0;
  line = 1;
  constructor(readonly text: string) {}
  find(needle: string, from = 0): number {
    const i = this.text.indexOf(needle, this.pos + from);
    return i < 0 ? -1 : i - this.pos;
  }
  remaining(): number {
    return this.text.length - this.pos;
  }
  at(i: number): string {
    return this.text[this.pos + i];
  }
  consume(count = this.remaining()): string {
    const s = this.text.slice(this.pos, this.pos + count);
    this.pos += count;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) this.line++;
    return s;
  }
}

/** Thrown when the template ends inside an open block. */
export class UnclosedBlockError extends PyError {
  constructor(
    readonly line: number,
    readonly offset: number,
    name: string | undefined,
    template: string,
  ) {
    super(
      'UnClosedIfError',
      name === undefined
        ? `Missing {% end %} block for if at line ${line}`
        : `Missing {% end %} block for if in the node ${name} at line ${line} of the SQL: ${template}`,
    );
  }
}

/** Error in a `{{ }}` expression with the offset of its tag. */
export class ExpressionError extends PyError {
  constructor(
    err: PyError,
    readonly offset: number,
    readonly end: number,
  ) {
    super(err.kind, err.message);
  }
}

/**
 * Tornado's parser recurses once per open block, so Python's recursion limit (1,000 frames) stops
 * Tinybird's before this many blocks are open at once. The engine gives up there too, at the tag that
 * opens the last one, rather than let every walk over the chunks overflow the JavaScript stack.
 */
export const MAX_OPEN_BLOCKS = 1000;

function nestingTooDeep(start: number, end: number): PyError {
  const err = new PyError('RecursionError', `template nesting too deep: ${MAX_OPEN_BLOCKS} blocks open at once, past Python's recursion limit`);
  err.span = [start, end];
  return err;
}

export function scan(template: string, name?: string): Chunk[] {
  const reader = new Reader(template);
  const fileName = name ?? '<string>';
  let ws: Whitespace = name && /\.(html|js)$/.test(name) ? 'single' : 'all';
  const parseError = (msg: string): TemplateParseError => new TemplateParseError(msg, fileName, reader.line, reader.pos);

  const parse = (inBlock: BlockOp | null, inLoop: BlockOp | null, open: number): Chunk[] => {
    const body: Chunk[] = [];
    for (;;) {
      let curly = 0;
      for (;;) {
        curly = reader.find('{', curly);
        if (curly === -1 || curly + 1 === reader.remaining()) {
          if (inBlock) throw new UnclosedBlockError(reader.line, reader.pos, name, template);
          body.push({ t: 'text', s: filterWhitespace(ws, reader.consume()) });
          return body;
        }
        const next = reader.at(curly + 1);
        if (next !== '{' && next !== '%' && next !== '#') {
          curly++;
          continue;
        }
        if (curly + 2 < reader.remaining() && next === '{' && reader.at(curly + 2) === '{') {
          curly++;
          continue;
        }
        break;
      }
      if (curly > 0) body.push({ t: 'text', s: filterWhitespace(ws, reader.consume(curly)) });
      const tagStart = reader.pos;
      const start = reader.consume(2);
      const openLine = reader.line;
      if (reader.remaining() && reader.at(0) === '!') {
        reader.consume(1);
        body.push({ t: 'text', s: filterWhitespace(ws, start) });
        continue;
      }
      if (start === '{#') {
        const end = reader.find('#}');
        if (end === -1) throw parseError('Missing end comment #}');
        reader.consume(end + 2);
        continue;
      }
      if (start === '{{') {
        const end = reader.find('}}');
        if (end === -1) throw parseError('Missing end expression }}');
        const code = pyStripAll(reader.consume(end));
        reader.consume(2);
        if (!code) throw parseError('Empty expression');
        const line = openLine;
        let node: Node;
        try {
          node = parseExpression(code);
        } catch (e) {
          if (!(e instanceof PySyntaxError)) throw e;
          if (code.split(' ')[0].includes('from')) throw parseError('"from" is a forbidden word');
          throw new ExpressionError(new PyError('SyntaxError', `${e.message} (<unknown>, line 1)`), tagStart, reader.pos);
        }
        try {
          checkValidExpression(node);
        } catch (e) {
          if (e instanceof PyError) throw new ExpressionError(e, tagStart, reader.pos);
          throw e;
        }
        body.push({ t: 'expr', code, node, line, start: tagStart, end: reader.pos });
        continue;
      }
      const end = reader.find('%}');
      if (end === -1) throw parseError('Missing end block %}');
      const contents = pyStripAll(reader.consume(end));
      reader.consume(2);
      if (!contents) throw parseError('Empty block tag ({% %})');
      const space = contents.indexOf(' ');
      const op = space < 0 ? contents : contents.slice(0, space);
      const suffix = space < 0 ? '' : pyStripAll(contents.slice(space + 1));
      const line = openLine;
      const parents = INTERMEDIATE[op];
      if (parents) {
        if (!inBlock) throw parseError(`${op} outside ${pySetRepr(parents)} block`);
        if (!parents.includes(inBlock)) throw parseError(`${op} block cannot be attached to ${inBlock} block`);
        body.push({ t: 'inter', op, suffix, line, start: tagStart, end: reader.pos });
        continue;
      }
      if (op === 'end') {
        if (!inBlock) throw parseError('Extra {% end %} block');
        return body;
      }
      if (op in FORBIDDEN) throw parseError(`${FORBIDDEN[op]} is forbidden`);
      if (op === 'comment') continue;
      if (op === 'whitespace') {
        if (suffix !== 'all' && suffix !== 'single' && suffix !== 'oneline') {
          throw new PyError('Exception', `invalid whitespace mode ${suffix}`);
        }
        ws = suffix;
        continue;
      }
      if (op === 'set') {
        if (!suffix) throw parseError('set missing statement');
        body.push({ t: 'set', code: suffix, line, start: tagStart, end: reader.pos });
        continue;
      }
      if (op === 'if' || op === 'for' || op === 'while' || op === 'try' || op === 'block') {
        const tagEnd = reader.pos;
        if (open + 1 >= MAX_OPEN_BLOCKS) throw nestingTooDeep(tagStart, tagEnd);
        const inner = parse(op, op === 'for' || op === 'while' ? op : inLoop, open + 1);
        if (op === 'block') throw parseError('block is forbidden');
        body.push({ t: 'block', op, suffix, line, body: inner, start: tagStart, end: tagEnd });
        continue;
      }
      if (op === 'break' || op === 'continue') {
        if (!inLoop) throw parseError(`${op} outside ${pySetRepr(['for', 'while'])} block`);
        body.push({ t: 'jump', op, line, start: tagStart, end: reader.pos });
        continue;
      }
      throw parseError(`unknown operator: ${pyReprString(op)}`);
    }
  };
  return parse(null, null, 0);
}

const PY_WS = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;
export const pyStripAll = (s: string) => s.replace(PY_WS, '');

function pyReprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return (
    quote +
    s.replace(/[\\\n\r\t]|[\x00-\x1f\x7f]/g, (c) =>
      c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    ).replace(new RegExp(quote, 'g'), `\\${quote}`) +
    quote
  );
}

/** Parsed Python of the control chunks, checked after the whole template was scanned. */
export interface CompiledBlock {
  cond?: Node;
  target?: Node;
  iter?: Node;
  stmt?: Statement;
}

export const compiled = new WeakMap<Chunk, CompiledBlock>();

/** Compiles every `{% %}` statement; the first Python syntax error fails the template like CPython's compile(). */
export function compileBlocks(chunks: Chunk[], name: string | undefined): void {
  let generatedLine = 3;
  const file = `${(name ?? '<string>').replace(/\./g, '_')}.generated.py`;
  const fail = (e: unknown, c: Chunk): never => {
    if (!(e instanceof PySyntaxError)) throw e;
    const err = new PyError('SyntaxError', `${e.message} (${file}, line ${generatedLine})`);
    if (c.t !== 'text') err.span = [c.start, c.end];
    throw err;
  };
  const walk = (list: Chunk[]): void => {
    for (const c of list) {
      generatedLine++;
      try {
        if (c.t === 'set') compiled.set(c, { stmt: parseStatement(c.code) });
        else if (c.t === 'inter' && c.op === 'elif') compiled.set(c, { cond: parseExpression(c.suffix) });
        else if (c.t === 'inter' && c.op === 'except' && c.suffix) parseExpression(c.suffix.split(/\s+as\s+/)[0]);
        else if (c.t === 'inter' && (c.op === 'else' || c.op === 'finally') && c.suffix) throw new PySyntaxError("expected ':'");
        else if (c.t === 'block' && (c.op === 'if' || c.op === 'while')) compiled.set(c, { cond: parseExpression(c.suffix) });
        else if (c.t === 'block' && c.op === 'for') compiled.set(c, parseForHeader(c.suffix));
        else if (c.t === 'block' && c.op === 'try' && c.suffix) throw new PySyntaxError("expected ':'");
      } catch (e) {
        fail(e, c);
      }
      if (c.t === 'block') walk(c.body);
    }
  };
  walk(chunks);
}
