// The parsed form of one datafile. Every element carries document offsets (UTF-16 code units into
// the original text, BOM and CRLF included), so features can point at exact places.

export interface Span {
  start: number;
  end: number;
}

/** A shlex token of a line, quotes kept, as tb sees it. */
export interface Token extends Span {
  text: string;
}

export type FileKind = 'datasource' | 'pipe';
export type Severity = 'error' | 'warning' | 'info';

export interface ParseDiagnostic extends Span {
  severity: Severity;
  /** Stable id of the problem, e.g. `unknown-keyword`. */
  code: string;
  message: string;
}

/**
 * The spans of a block's lines, packed as start, end, start, end…: a block keeps two numbers a line
 * rather than an object (most of a workspace's lines are block lines). Iterating yields fresh spans.
 */
export class LineSpans {
  private readonly pairs: number[] = [];

  get length(): number {
    return this.pairs.length / 2;
  }

  push(start: number, end: number): void {
    this.pairs.push(start, end);
  }

  start(i: number): number {
    return this.pairs[2 * i];
  }

  end(i: number): number {
    return this.pairs[2 * i + 1];
  }

  *[Symbol.iterator](): IterableIterator<Span> {
    for (let i = 0; i < this.pairs.length; i += 2) yield { start: this.pairs[i], end: this.pairs[i + 1] };
  }
}

/** A `KEYWORD >` block: the raw lines tb keeps (lines with no shlex token are dropped). */
export interface Block {
  /** The `>` token. */
  marker: Token;
  /** Text after `>` on the keyword line, which tb discards. */
  discarded?: Span;
  lines: LineSpans;
  /** The block text exactly as tb builds it: kept raw lines, each followed by `\n`. */
  text: string;
  /** Offset in `text` where each kept line starts (computed on first use). */
  textStarts?: number[];
}

/** One command: a keyword line, plus its block when it is `KEYWORD >`. */
export interface Command {
  keyword: Token;
  /** Lower-cased keyword. */
  name: string;
  args: Token[];
  /** Single-line value as tb stores it: args joined by one space, then unquoted where tb unquotes. */
  value: string;
  /** From the first to the last argument (empty span after the keyword when there are none). */
  valueSpan: Span;
  block?: Block;
  /** Zero-based line of the keyword. */
  line: number;
  /** The keyword line through the end of the block. */
  span: Span;
  /** Set when tb would reject the command (the parse diagnostic says why). */
  invalid?: boolean;
}

export interface ValueRef {
  value: string;
  span: Span;
  command: Command;
}

export interface Column {
  /** Name without backticks. */
  name: string;
  nameSpan: Span;
  /** Type as written, with `Nullable(…)` removed when nullable. */
  type: string;
  typeSpan?: Span;
  nullable: boolean;
  jsonPath?: string;
  jsonPathSpan?: Span;
  /** `DEFAULT expr` or `MATERIALIZED expr`, keyword upper-cased as tb stores it. */
  defaultValue?: string;
  defaultSpan?: Span;
  /** `CODEC(...)`. */
  codec?: string;
  codecSpan?: Span;
  span: Span;
}

export interface IndexDecl {
  name: string;
  expr: string;
  typeFull: string;
  granularity?: string;
  span: Span;
}

export interface EngineArg {
  /** Lower-case arg name without the `engine_` prefix, e.g. `sorting_key`. */
  name: string;
  value: string;
  span: Span;
  command: Command;
}

export interface EngineDecl {
  type?: ValueRef;
  args: EngineArg[];
}

export interface SqlBlock {
  command: Command;
  /** The SQL as tb stores it (before env substitution): dedented+rstripped, or stripped when templated. */
  text: string;
  templated: boolean;
  /** Maps an offset in `text` to a document offset. */
  toDocument(offset: number): number;
}

export interface DatafileNode {
  name: string;
  /** The NODE command; absent for a datasource's hidden `default` node. */
  command?: Command;
  nameSpan?: Span;
  description?: ValueRef;
  sql?: SqlBlock;
  /** Node attributes as tb stores them, by lower-case key (`type`, `datasource`, `target_datasource`, `mode`, `copy_schedule`, `kafka_topic`, …). Insertion order is source order of first assignment. */
  attrs: Map<string, ValueRef>;
  schema?: { command: Command; columns: Column[] };
  indexes?: { command: Command; indexes: IndexDecl[] };
  engine?: EngineDecl;
  /** `k=v` tags given on this node (tb's operational tags). */
  kvTags: string[];
  span: Span;
}

export interface TokenDecl {
  name: string;
  permission: string;
  command: Command;
}

export interface IncludeDecl {
  /** Path as written, unquoted. */
  path: string;
  pathSpan: Span;
  /** `VAR=value` substitutions. */
  vars: Record<string, string>;
  /** Args joined by spaces, quotes kept (tb's key for the include). */
  argsText: string;
  /** The next raw line after the include containing `NODE` (tb fmt anchors the include to it). */
  anchorLine: string;
  command: Command;
}

export interface Datafile {
  kind: FileKind;
  text: string;
  /** Offsets where each line starts. */
  lineStarts: number[];
  commands: Command[];
  /** For a datasource: one node named `default` holding schema, engine and settings. */
  nodes: DatafileNode[];
  description?: ValueRef;
  tokens: TokenDecl[];
  /** Plain (filtering) tags, in order, from every TAGS line. */
  tags: string[];
  version?: ValueRef;
  includes: IncludeDecl[];
  sources: ValueRef[];
  maintainer?: ValueRef;
  sharedWith: string[];
  diagnostics: ParseDiagnostic[];
}
