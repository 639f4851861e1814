// Parses a datafile the way tb 5.14.0's `parse()` does (line lexing, `>` blocks, the command
// table), but keeps going after errors: each problem becomes a diagnostic with an exact range.
import type {
  Block,
  Command,
  Datafile,
  DatafileNode,
  FileKind,
  ParseDiagnostic,
  Severity,
  Span,
  Token,
  ValueRef,
} from './ast';
import { LineSpans } from './ast';
import { FORWARD_ONLY_KEYWORDS } from '../catalog/keywords';
import { COMMANDS, NODE_ATTR_KEY, type CommandKind } from './commands';
import { parseIndexLine } from './indexes';
import { lastAtOrBefore, LineTable } from './lines';
import { parseSchema, SchemaError } from './schema';
import { hasShlexToken, lexLine, unquote } from './shlex';
import { sqlFromBlock, sqlFromValue } from './sqlBlock';

export interface ParseOptions {
  /**
   * Parse as an `.incl` fragment: settings before any NODE go to a hidden node (they belong to the
   * including file), so they are not errors here.
   */
  fragment?: boolean;
}

export const SETTINGS_NOT_ALLOWED =
  'SETTINGS option is not allowed, use ENGINE_SETTINGS instead. See https://www.tinybird.co/docs/cli/datafiles#data-source for more information.';

/** How tb decides what an `.incl` holds: a line starting with `schema` or `engine` makes it a datasource part. */
export function includeKind(text: string): FileKind {
  const lines = new LineTable(text);
  for (let n = 0; n < lines.count; n++) if (/^(schema|engine)/.test(lines.lineText(n).trim().toLowerCase())) return 'datasource';
  return 'pipe';
}

export function parseDatafile(text: string, kind: FileKind, options: ParseOptions = {}): Datafile {
  return new Parser(text, kind, options).parse();
}

/** Keywords whose `>` block may be empty; every other one fails in tb (SQL reports its own error). */
const BLOCKS_ALLOWED_EMPTY = new Set<CommandKind>(['description', 'shared-with', 'test']);

interface OpenBlock {
  command: Command;
  block: Block;
  lastLine: number;
}

class Parser {
  private readonly doc: Datafile;
  private readonly lines: LineTable;
  private current: DatafileNode | undefined;
  private nextNodeLine: Int32Array | undefined;

  constructor(
    private readonly text: string,
    kind: FileKind,
    private readonly options: ParseOptions,
  ) {
    this.lines = new LineTable(text);
    this.doc = {
      kind,
      text,
      lineStarts: this.lines.lineStarts(),
      commands: [],
      nodes: [],
      tokens: [],
      tags: [],
      includes: [],
      sources: [],
      sharedWith: [],
      diagnostics: [],
    };
    if (kind === 'datasource' || options.fragment) {
      this.current = this.newNode('default', undefined, { start: 0, end: text.length });
    }
  }

  parse(): Datafile {
    if (this.text.charCodeAt(0) === 0xfeff) {
      this.report({ start: 0, end: 1 }, 'bom', 'The file starts with a byte order mark (BOM). tb reads it as part of the first keyword; save the file as UTF-8 without BOM.');
    }
    let open: OpenBlock | undefined;
    for (let n = 0; n < this.lines.count; n++) {
      const start = this.lines.start(n);
      const end = this.lines.end(n);
      const c = start < end ? this.text.charCodeAt(start) : -1;
      const indented = c === 32 || c === 9;
      // Fast path, without slicing the line: an indented line never ends a block, and tb keeps it when it has any token.
      if (open && indented) {
        if (hasShlexToken(this.text, start, end)) this.appendToBlock(open, start, end, n);
        continue;
      }
      const line = this.lines.at(n);
      const lexed = lexLine(line.text, line.start);
      if (lexed.tokens.length === 0) continue;
      const first = lexed.tokens[0];
      // slice: an array of exactly the arguments (one grown by push keeps room for 17), kept by the command
      const args = lexed.tokens.slice(1);
      const name = first.text.toLowerCase();
      if (open && COMMANDS.has(name) && !indented && !line.text.toLowerCase().startsWith('from')) {
        this.closeBlock(open);
        open = undefined;
      }
      if (open) {
        this.appendToBlock(open, line.start, line.end, n);
        continue;
      }
      if (lexed.unclosedQuote && !COMMANDS.has(name)) {
        this.report({ start: line.start, end: line.end }, 'unclosed-quote', 'Unclosed quote: tb reads this whole line as one quoted token.');
        continue;
      }
      const command: Command = {
        keyword: first,
        name,
        args,
        value: '',
        valueSpan: args.length ? { start: args[0].start, end: args[args.length - 1].end } : { start: first.end, end: first.end },
        line: n,
        span: { start: line.start, end: line.end },
      };
      this.doc.commands.push(command);
      if (args[0]?.text === '>') {
        const discarded = args.length > 1 ? { start: args[1].start, end: args[args.length - 1].end } : undefined;
        command.block = { marker: args[0], discarded, lines: new LineSpans(), text: '' };
        open = { command, block: command.block, lastLine: n };
      } else {
        this.runLine(command, n);
      }
    }
    if (open) this.closeBlock(open);
    this.finishNodeSpans();
    if (this.doc.kind === 'datasource' && !this.options.fragment && this.doc.nodes.length > 1) {
      for (const node of this.doc.nodes.slice(1)) {
        this.report(node.command!.keyword, 'datasource-nodes', "datasources can't have more than one node");
      }
    }
    return this.doc;
  }

  private report(span: Span, code: string, message: string, severity: Severity = 'error'): void {
    this.doc.diagnostics.push({ start: span.start, end: span.end, code, message, severity } satisfies ParseDiagnostic);
  }

  private fail(command: Command, code: string, message: string, span: Span = command.keyword): void {
    command.invalid = true;
    this.report(span, code, message);
  }

  private newNode(name: string, command: Command | undefined, span: Span): DatafileNode {
    const node: DatafileNode = { name, command, attrs: new Map(), kvTags: [], span };
    this.doc.nodes.push(node);
    return node;
  }

  private appendToBlock(open: OpenBlock, start: number, end: number, n: number): void {
    open.block.lines.push(start, end);
    open.lastLine = n;
  }

  /**
   * The kept lines of a block joined by `\n`: one slice per run of adjacent `\n`-ended lines, not one
   * per line. A block that is one such run is a slice of the document's text itself, which V8 keeps
   * as a view of the document (a few bytes) rather than a copy of the block.
   */
  private blockText(lines: LineSpans): string {
    const pieces: string[] = [];
    for (let i = 0; i < lines.length; ) {
      let j = i;
      while (j + 1 < lines.length && lines.start(j + 1) === lines.end(j) + 1 && this.text.charCodeAt(lines.end(j)) === 10) j++;
      // The first run holds every line and its `\n` is in the document: the block is that slice.
      if (i === 0 && j === lines.length - 1 && this.text.charCodeAt(lines.end(j)) === 10) return this.text.slice(lines.start(0), lines.end(j) + 1);
      pieces.push(this.text.slice(lines.start(i), lines.end(j)), '\n');
      i = j + 1;
    }
    return pieces.join('');
  }

  private closeBlock(open: OpenBlock): void {
    const { command, block } = open;
    block.text = this.blockText(block.lines);
    const lines = block.lines;
    const lastEnd = lines.length ? lines.end(lines.length - 1) : undefined;
    command.span = { start: command.span.start, end: lastEnd ?? command.span.end };
    command.value = block.text;
    command.valueSpan = lastEnd !== undefined ? { start: lines.start(0), end: lastEnd } : { start: block.marker.end, end: block.marker.end };
    const kind = COMMANDS.get(command.name);
    if (!kind) {
      this.unknownKeyword(command);
      return;
    }
    if (!block.text && kind !== 'sql' && !BLOCKS_ALLOWED_EMPTY.has(kind)) {
      // tb's handlers `_unquote` the block text, which fails when it is empty.
      this.fail(command, 'empty-block', `${command.keyword.text.toUpperCase()} > has no content`);
      return;
    }
    this.runBlock(command, kind, block);
  }

  private unknownKeyword(command: Command): void {
    if (command.keyword.start === 0 && this.text.charCodeAt(0) === 0xfeff) {
      command.invalid = true; // already reported as a BOM problem
      return;
    }
    const keyword = command.keyword.text.toUpperCase();
    if (FORWARD_ONLY_KEYWORDS.has(command.name)) this.fail(command, 'forward-syntax', forwardSyntaxMessage(keyword));
    else this.fail(command, 'unknown-keyword', `${keyword} is not a valid option`);
  }

  private ref(command: Command, value: string): ValueRef {
    return { value, span: command.valueSpan, command };
  }

  /** The joined, unquoted value of the handler's arguments, or undefined (with tb's error) when there is none. */
  private requireValue(command: Command, args: string[]): string | undefined {
    const joined = args.join(' ').trim();
    if (!joined) {
      const what = command.name === 'node' ? 'node name' : command.name === 'datasource' ? 'datasource name' : undefined;
      if (what) {
        this.fail(command, 'missing-value', `Missing ${what} for pipe creation after the ${command.name.toUpperCase()} label`);
      } else {
        this.fail(command, 'missing-value', `${command.keyword.text.toUpperCase()} needs a value`);
      }
      return undefined;
    }
    return unquote(joined);
  }

  private requireNode(command: Command, message: string): DatafileNode | undefined {
    if (!this.current) this.fail(command, 'needs-node', message);
    return this.current;
  }

  private runBlock(command: Command, kind: CommandKind, block: Block): void {
    switch (kind) {
      case 'sql': {
        const node = this.requireNode(command, 'SQL must be called after a NODE command');
        if (!node) return;
        const sql = sqlFromBlock(command, block);
        if (!sql.text.trim()) {
          this.fail(command, 'missing-sql', 'Missing sql query for pipe creation after the SQL label');
          return;
        }
        node.sql = sql;
        return;
      }
      case 'description':
        this.setDescription(command, block.text.trim());
        return;
      case 'schema':
        this.parseSchemaBlock(command, block.text, this.blockOffsets(block));
        return;
      case 'indexes':
        this.parseIndexesBlock(command, block);
        return;
      case 'shared-with':
        this.doc.sharedWith.push(...block.text.split('\n').map((s) => s.trim()).filter((s, i, all) => s || i < all.length - 1));
        return;
      case 'settings':
      case 'node-attr': {
        const node = this.requireNode(command, `${command.keyword.text.toUpperCase()} must be called after a NODE command`);
        if (node) node.attrs.set(command.name, this.ref(command, unquote(block.text.trim())));
        return;
      }
      default:
        // Other keywords get the block text as their one argument.
        this.runValue(command, kind, [block.text], block.text.trim());
    }
  }

  private runLine(command: Command, lineNo: number): void {
    const kind = COMMANDS.get(command.name);
    if (!kind) {
      this.unknownKeyword(command);
      return;
    }
    const joined = command.args.map((a) => a.text).join(' ');
    command.value = joined;
    switch (kind) {
      case 'settings':
        this.fail(command, 'settings-single-line', SETTINGS_NOT_ALLOWED);
        return;
      case 'schema':
      case 'indexes': {
        if (!command.args.length) {
          // tb's `_unquote("".join(args))` fails on nothing.
          this.fail(command, 'missing-value', `${command.keyword.text.toUpperCase()} needs a value`);
          return;
        }
        if (kind === 'indexes') return; // a one-line INDEXES holds at most one index; tb reads `"".join(args)`
        // `"".join(args)`: a one-line SCHEMA has its tokens glued together.
        const start = command.args[0].start;
        const glued = command.args.map((a) => a.text).join('');
        this.parseSchemaBlock(command, glued, (offset) => this.gluedOffset(command.args, offset, start));
        return;
      }
      case 'sql': {
        const node = this.requireNode(command, 'SQL must be called after a NODE command');
        if (!node) return;
        if (command.args.length !== 1) {
          this.fail(command, 'sql-not-block', command.args.length ? 'SQL takes its query as a block: write `SQL >` and the query on the next lines' : 'Missing sql query for pipe creation after the SQL label');
          return;
        }
        node.sql = sqlFromValue(command, command.args[0].text, command.args[0].start);
        return;
      }
      default:
        this.runValue(command, kind, command.args.map((a) => a.text), joined, lineNo);
    }
  }

  /** Commands whose handler takes the arguments (a block passes its text as the one argument). */
  private runValue(command: Command, kind: CommandKind, args: string[], joined: string, lineNo?: number): void {
    switch (kind) {
      case 'doc-single':
      case 'source': {
        if (args.length !== 1) {
          this.fail(command, 'wrong-arguments', `${command.keyword.text.toUpperCase()} takes exactly one value`);
          return;
        }
        const ref = this.ref(command, unquote(args[0]));
        if (kind === 'source') this.doc.sources.push(ref);
        else if (command.name === 'maintainer') this.doc.maintainer = ref;
        return;
      }
      case 'engine': {
        const node = this.requireNode(command, 'ENGINE must be called after a NODE command');
        const value = node && this.requireValue(command, args);
        if (!node || value === undefined) return;
        node.engine ??= { args: [] };
        node.engine.type = this.ref(command, value);
        return;
      }
      case 'engine-arg': {
        const node = this.requireNode(command, `${command.keyword.text.toUpperCase()} must be called after a NODE command`);
        const value = node && this.requireValue(command, args);
        if (!node || value === undefined) return;
        node.engine ??= { args: [] };
        node.engine.args.push({ name: command.name.slice('engine_'.length), value, span: command.valueSpan, command });
        return;
      }
      case 'node-attr': {
        const node = this.requireNode(command, `${command.keyword.text.toUpperCase()} must be called after a NODE command`);
        const value = node && this.requireValue(command, args);
        if (!node || value === undefined) return;
        node.attrs.set(command.name, this.ref(command, value));
        return;
      }
      case 'node-only-attr': {
        const key = NODE_ATTR_KEY[command.name];
        const node = this.requireNode(command, `${key} must be called after a NODE command`);
        const value = node && this.requireValue(command, args);
        if (!node || value === undefined) return;
        node.attrs.set(key, this.ref(command, value));
        return;
      }
      case 'node': {
        const value = this.requireValue(command, args);
        if (value === undefined) return;
        const name = unquote(args[0]);
        const node = this.newNode(name, command, command.span);
        node.nameSpan = command.args[0];
        this.current = node;
        return;
      }
      case 'description':
        this.setDescription(command, joined.trim());
        return;
      case 'tags':
        this.addTags(command, joined);
        return;
      case 'token':
        if (command.args.length < 2) {
          this.fail(command, 'token-arguments', 'TOKEN gets two params, token name and permissions e.g TOKEN "read api token" READ');
          return;
        }
        this.doc.tokens.push({ name: unquote(command.args[0].text), permission: command.args[1].text, command });
        return;
      case 'include':
        this.addInclude(command, lineNo ?? command.line);
        return;
      case 'version': {
        if (!args.length) {
          this.fail(command, 'version', 'VERSION gets one positive integer param');
          return;
        }
        if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(args[0]) || parseInt(args[0].replace(/_/g, ''), 10) < 0) {
          this.fail(command, 'version', 'version must be a positive integer e.g VERSION 2', command.args[0] ?? command.keyword);
          return;
        }
        this.doc.version = this.ref(command, args[0].trim());
        return;
      }
      case 'shared-with':
        for (const entry of args) this.doc.sharedWith.push(...entry.split('\n').map((s) => s.trim()));
        return;
      case 'test':
        return;
      default:
        return;
    }
  }

  private setDescription(command: Command, description: string): void {
    const ref = this.ref(command, description);
    if (this.current) {
      this.current.description = ref;
      if (this.current.name === 'default' && !this.current.command) this.doc.description = ref;
    } else {
      this.doc.description = ref;
    }
  }

  private addTags(command: Command, joined: string): void {
    const trimmed = joined.trim();
    if (!trimmed) {
      this.fail(command, 'missing-value', 'TAGS needs a value');
      return;
    }
    const kv: string[] = [];
    for (const entry of unquote(trimmed).split(',')) {
      const tag = entry.trim();
      if (tag.includes('=')) kv.push(tag);
      else this.doc.tags.push(tag);
    }
    if (this.current && kv.length) this.current.kvTags.push(...kv);
  }

  /** The first line after `lineNo` containing `NODE` (-1 if none); computed once, from the end, so many INCLUDEs stay linear. */
  private nextNodeLineAfter(lineNo: number): number {
    if (!this.nextNodeLine) {
      const next = new Int32Array(this.lines.count + 1).fill(-1);
      for (let n = this.lines.count - 1; n >= 0; n--) next[n] = this.lines.lineText(n).includes('NODE') ? n : next[n + 1];
      this.nextNodeLine = next;
    }
    return this.nextNodeLine[lineNo + 1] ?? -1;
  }

  private addInclude(command: Command, lineNo: number): void {
    if (!command.args.length) {
      this.fail(command, 'missing-value', 'INCLUDE needs the path of an .incl file');
      return;
    }
    const vars: Record<string, string> = {};
    for (const arg of command.args.slice(1)) {
      const text = unquote(arg.text);
      const eq = text.indexOf('=');
      if (eq < 0) {
        this.fail(command, 'include-arguments', `INCLUDE arguments must be VAR=value, found ${arg.text}`, arg);
        return;
      }
      vars[text.slice(0, eq)] = text.slice(eq + 1);
    }
    const anchor = this.nextNodeLineAfter(lineNo);
    const anchorLine = anchor < 0 ? '' : this.lines.lineText(anchor) + '\n';
    this.doc.includes.push({
      path: unquote(command.args[0].text),
      pathSpan: command.args[0],
      vars,
      argsText: command.args.map((a) => a.text).join(' '),
      anchorLine,
      command,
    });
  }

  private parseSchemaBlock(command: Command, text: string, toDoc: (offset: number) => number): void {
    const node = this.requireNode(command, 'SCHEMA must be called after a NODE command');
    if (!node) return;
    try {
      node.schema = { command, columns: parseSchema(text, toDoc) };
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      const at = toDoc(Math.min(e.offset, Math.max(0, text.length - 1)));
      const lineEnd = this.lineEndAt(at);
      command.invalid = true;
      this.report({ start: at, end: Math.max(at + 1, Math.min(lineEnd, at + 1)) }, 'schema-syntax', `error parsing schema: ${e.message}`);
      node.schema = { command, columns: [] };
    }
  }

  private parseIndexesBlock(command: Command, block: Block): void {
    const node = this.requireNode(command, 'INDEXES must be called after a NODE command');
    if (!node) return;
    const indexes = [];
    for (const span of block.lines) {
      const result = parseIndexLine({ text: this.text.slice(span.start, span.end), span });
      if (result.ok) indexes.push(result.index);
      else {
        command.invalid = true;
        this.report(trimSpan(this.text, result.span), 'indexes-syntax', `error parsing indexes: ${result.message}`);
      }
    }
    node.indexes = { command, indexes };
  }

  /**
   * Maps offsets in a block's text (kept lines joined by `\n`) to document offsets. The schema parser
   * asks in increasing order, so the line of the previous answer is tried first (a step or two
   * forward) before a binary search.
   */
  private blockOffsets(block: Block): (offset: number) => number {
    const starts = (block.textStarts ??= textStartsOf(block));
    const { lines } = block;
    let k = 0;
    return (offset) => {
      if (!starts.length) return block.marker.end;
      if (offset < starts[k] || (k + 2 < starts.length && starts[k + 2] <= offset)) k = lastAtOrBefore(starts, offset);
      else if (k + 1 < starts.length && starts[k + 1] <= offset) k++;
      return Math.min(lines.start(k) + (offset - starts[k]), lines.end(k));
    };
  }

  private gluedOffset(args: Token[], offset: number, fallback: number): number {
    let pos = 0;
    for (const a of args) {
      const len = a.end - a.start;
      if (offset < pos + len) return a.start + (offset - pos);
      pos += len;
    }
    return args.length ? args[args.length - 1].end : fallback;
  }

  private lineEndAt(offset: number): number {
    const nl = this.text.slice(offset).search(/[\r\n]/);
    return nl < 0 ? this.text.length : offset + nl;
  }

  private finishNodeSpans(): void {
    const explicit = this.doc.nodes.filter((n) => n.command);
    explicit.forEach((node, k) => {
      const next = explicit[k + 1];
      const end = next ? lastContentBefore(this.text, next.command!.span.start) : this.text.length;
      node.span = { start: node.command!.span.start, end };
    });
  }
}

function textStartsOf(block: Block): number[] {
  const starts: number[] = [];
  const { lines } = block;
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    starts.push(pos);
    pos += lines.end(i) - lines.start(i) + 1;
  }
  return starts;
}


function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function lastContentBefore(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Why a Tinybird Forward keyword fails in a classic project; `effect` says what tb does with it. */
export function forwardSyntaxMessage(keyword: string, effect = `tb push fails with "${keyword} is not a valid option"`): string {
  return `${keyword} is Tinybird Forward syntax, which classic tb does not support: ${effect}. Remove it, or deploy this project with the Forward CLI.`;
}
