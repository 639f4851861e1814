// What a name in a datafile stands for. `occurrences` lists every resolved name of a file (resources
// in FROM/JOIN, DATASOURCE and TARGET_DATASOURCE, node names, INCLUDE paths and the INCLUDE arguments
// naming a resource through a variable, columns in SCHEMA, keys and SQL, output columns of CTEs and
// subqueries, template parameters); `symbolAt` answers for one offset and adds what only hover needs (keywords, functions,
// the resource's own name anywhere in its file). Hover, definition, references, highlights, rename
// and semantic tokens all start from here.
import type { Command, Span } from '../parser/ast';
import type { SqlAnalysis } from '../parser/sqlRefs';
import type { SqlToken } from '../parser/sqlScan';
import { identifierText, isName, isPunct } from '../parser/sqlScan';
import { computeFacts, type FileFacts, type NodeFacts } from '../workspace/facts';
import { computeLineStarts, positionAt } from '../parser/lines';
import { resolveIncludePath, type WorkspaceIndex } from '../workspace/index';
import { ownerOf } from './columns';
import { DerivedColumns, type OutputColumn } from './derived';
import { fileFact, lookupsOf, sqlTables, variableNames, visibleNodes } from './model';
import { nameSpanIn } from './nameSpan';
import { templateNames } from '../parser/templateNames';
import type { SemanticLookups, TableScope, VisibleNode } from './scopes';

export type Target =
  | { kind: 'resource'; name: string }
  /** A node, identified by the file that declares it (a pipe or an `.incl`). */
  | { kind: 'node'; path: string; name: string }
  | { kind: 'column'; datasource: string; name: string }
  /** An output column of a CTE or subquery computed in a node of the file at `path`. */
  | { kind: 'derived'; path: string; column: OutputColumn }
  | { kind: 'include'; path: string }
  /** A template parameter of the pipe at `path` (a free name in its `{{ }}`/`{% %}` tags). */
  | { kind: 'parameter'; path: string; name: string };

export interface Occurrence {
  span: Span;
  target: Target;
  /** The place that defines the target (a NODE name, a SCHEMA column). */
  declaration?: boolean;
  /** A resource name as written in SQL or DATASOURCE/TARGET_DATASOURCE (renaming edits it). */
  reference?: boolean;
}

export type SymbolAt =
  | { kind: 'target'; target: Target; span: Span; occurrence?: Occurrence }
  | { kind: 'keyword'; name: string; span: Span }
  | { kind: 'templateFunction'; name: string; span: Span }
  /** A name inside `{{ }}` / `{% %}` that the pipe declares as a template parameter. */
  | { kind: 'clickhouseFunction'; name: string; span: Span };

export function targetKey(t: Target): string {
  switch (t.kind) {
    case 'resource':
      return `r:${t.name}`;
    case 'node':
      return `n:${t.path}#${t.name}`;
    case 'column':
      return `c:${t.datasource}#${t.name}`;
    case 'derived':
      return `o:${t.path}#${t.column.expressionSpan.start}`;
    case 'include':
      return `i:${t.path}`;
    case 'parameter':
      return `p:${t.path}#${t.name}`;
  }
}

const WORD = /[\p{L}\p{N}_$]/u;

/** The identifier-like word around `offset` in `text`. */
function wordAt(text: string, offset: number, within: Span = { start: 0, end: text.length }): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > within.start && WORD.test(text[start - 1])) start--;
  while (end < within.end && WORD.test(text[end])) end++;
  return end > start ? { start, end } : undefined;
}

/** Each word of a span of text, with its span. */
function wordsIn(text: string, span: Span): { word: string; span: Span }[] {
  const out: { word: string; span: Span }[] = [];
  const re = /[\p{L}_][\p{L}\p{N}_]*/gu;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ word: m[0], span: { start: span.start + m.index, end: span.start + m.index + m[0].length } });
  }
  return out;
}

const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** Every resolved name of a file, in document order: a query of the file (see model.ts). */
export function occurrences(index: WorkspaceIndex, file: FileFacts): Occurrence[] {
  return fileFact(index, file, 'occurrences', () => computeOccurrences(index, file).sort((a, b) => a.span.start - b.span.start));
}

/**
 * What a name read by a node stands for: another node visible in the file (own or included), else a
 * resource. Without a reader (DATASOURCE, TARGET_DATASOURCE) it is a resource.
 */
export function readTarget(nodes: ReadonlyMap<string, VisibleNode>, name: string, reader: string | undefined): Target {
  const node = reader === undefined || name === reader ? undefined : nodes.get(name);
  return node ? { kind: 'node', path: node.path, name } : { kind: 'resource', name };
}

const readOccurrence = (span: Span, target: Target): Occurrence => (target.kind === 'resource' ? { span, target, reference: true } : { span, target });

function computeOccurrences(index: WorkspaceIndex, file: FileFacts): Occurrence[] {
  const out: Occurrence[] = [];
  const text = file.parsed.text;
  const nodes = visibleNodes(index, file);
  for (const facts of file.nodes) {
    const node = facts.node;
    if (node.command && node.nameSpan) {
      out.push({ span: nameSpanIn(text, node.nameSpan, node.name), target: { kind: 'node', path: file.path, name: node.name }, declaration: true });
    }
    if (facts.target) out.push({ span: nameSpanIn(text, facts.target.span, facts.target.name), target: { kind: 'resource', name: facts.target.name }, reference: true });
  }
  for (const read of file.nodeReads) out.push({ span: read.span, target: { kind: 'node', path: file.path, name: read.ref.name } });
  for (const read of file.externalReads) {
    // In an `.incl`, `$TABLE` is a variable, not a name: its INCLUDE lines give the names.
    if (read.ref.qualifier !== undefined || (file.role === 'include' && read.ref.name.includes('$'))) continue;
    out.push(readOccurrence(read.span, readTarget(nodes, read.ref.name, read.node)));
  }
  for (const decl of file.parsed.includes) {
    out.push({ span: decl.pathSpan, target: { kind: 'include', path: resolveIncludePath(file.path, decl.path) } });
  }
  const seen = new Set<number>();
  for (const v of variableNames(index, file)) {
    if (!v.whole || seen.has(v.valueSpan.start)) continue;
    seen.add(v.valueSpan.start);
    out.push(readOccurrence(v.valueSpan, readTarget(nodes, v.name, v.reader)));
  }
  if (file.role === 'datasource') datasourceColumns(file, out);
  if (file.role === 'pipe') templateParameterUses(file, out);
  for (const facts of file.nodes) {
    if (!facts.analysis || !facts.node.sql) continue;
    // Tokens are recomputed on each access (the index does not keep them): read once for both passes.
    const tokens = facts.analysis.tokens;
    const refStarts = new Set(facts.analysis.refs.flatMap((r) => [r.span.start, r.fullSpan.start]));
    sqlColumns(index, file, facts, tokens, refStarts, out);
    tableQualifiers(file, facts, nodes, tokens, refStarts, out);
  }
  return out;
}

/**
 * Table names qualifying a column (`activityRelations.organizationId`, `activityRelations.*`): the
 * name of a table the node reads by FROM/JOIN, not an alias or CTE, stands for that table.
 */
function tableQualifiers(file: FileFacts, facts: NodeFacts, nodes: ReadonlyMap<string, VisibleNode>, tokens: SqlToken[], refStarts: Set<number>, out: Occurrence[]): void {
  const analysis = facts.analysis!;
  const aliases = new Set(analysis.refs.flatMap((r) => (r.alias && r.alias !== r.name ? [r.alias] : [])));
  const tables = new Set(analysis.refs.filter((r) => r.qualifier === undefined && !analysis.ctes.has(r.name) && !aliases.has(r.name)).map((r) => r.name));
  if (!tables.size) return;
  const sql = facts.node.sql!;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isName(t) || refStarts.has(t.start) || !isPunct(tokens[k + 1], '.') || isPunct(tokens[k - 1], '.')) continue;
    const name = identifierText(t);
    if (!tables.has(name) || (file.role === 'include' && name.includes('$'))) continue;
    const span = { start: sql.toDocument(t.start), end: sql.toDocument(t.end - 1) + 1 };
    out.push(readOccurrence(nameSpanIn(file.parsed.text, span, name), readTarget(nodes, name, facts.name)));
  }
}

/** Free names in the template tags of a pipe's own nodes, except those a `{% set %}`/`{% for %}` binds. */
function templateParameterUses(file: FileFacts, out: Occurrence[]): void {
  const perNode = file.nodes.flatMap((n) => (n.node.sql ? [{ sql: n.node.sql, names: templateNames(n.node.sql.text) }] : []));
  const bound = new Set(perNode.flatMap((n) => [...n.names.bound]));
  for (const { sql, names } of perNode) {
    for (const use of names.uses) {
      if (bound.has(use.name)) continue;
      const span = { start: sql.toDocument(use.span.start), end: sql.toDocument(use.span.end - 1) + 1 };
      out.push({ span, target: { kind: 'parameter', path: file.path, name: use.name } });
    }
  }
}

/** Columns in a datasource's SCHEMA, ENGINE_* keys, INDEXES and DEFAULT/MATERIALIZED expressions. */
function datasourceColumns(file: FileFacts, out: Occurrence[]): void {
  const text = file.parsed.text;
  for (const node of file.parsed.nodes) {
    const columns = new Set(node.schema?.columns.map((c) => c.name));
    if (!columns.size) continue;
    const column = (name: string) => ({ kind: 'column' as const, datasource: file.name, name });
    for (const c of node.schema!.columns) out.push({ span: nameSpanIn(text, c.nameSpan, c.name), target: column(c.name), declaration: true });
    const defaults = node.schema!.columns.flatMap((c) => (c.defaultSpan ? [c.defaultSpan] : []));
    const spans = [...(node.engine?.args.map((a) => a.span) ?? []), ...(node.indexes?.indexes.map((i) => i.span) ?? []), ...defaults];
    for (const span of spans) for (const w of wordsIn(text, span)) if (columns.has(w.word)) out.push({ span: w.span, target: column(w.word) });
  }
}

/** Column names in a node's SQL: columns of the datasources it reads, and output columns of its CTEs and subqueries. */
function sqlColumns(workspace: WorkspaceIndex, file: FileFacts, facts: NodeFacts, tokens: SqlToken[], refStarts: Set<number>, out: Occurrence[]): void {
  const index = lookupsOf(workspace);
  const analysis = facts.analysis!;
  const scope = sqlTables(workspace, file, facts);
  if (!scope.all.length && !analysis.derived.length) return;
  const sql = facts.node.sql!;
  const derived = analysis.derived.length ? new DerivedColumns(index, scope, analysis, tokens, sql) : undefined;
  const resolve: ColumnResolution = { index, scope, analysis, tokens, refStarts, derived, path: file.path };
  for (let k = 0; k < tokens.length; k++) {
    const column = columnTokenTarget(resolve, k);
    if (!column) continue;
    const t = tokens[k];
    out.push({ span: { start: sql.toDocument(t.start), end: sql.toDocument(t.end - 1) + 1 }, target: column });
  }
  for (const column of derived?.all() ?? []) {
    if (column.aliasSpan) out.push({ span: column.aliasSpan, target: { kind: 'derived', path: file.path, column }, declaration: true });
  }
}

interface ColumnResolution {
  index: SemanticLookups;
  scope: TableScope;
  analysis: SqlAnalysis;
  tokens: SqlToken[];
  /** Starts of the table references (not columns). */
  refStarts: Set<number>;
  derived?: DerivedColumns;
  path: string;
}

/** The column a SQL token names: of a datasource in scope, or an output column of a CTE or subquery. */
function columnTokenTarget(r: ColumnResolution, k: number): Target | undefined {
  const { tokens, derived } = r;
  const t = tokens[k];
  if (!isName(t) || r.refStarts.has(t.start)) return undefined;
  const next = tokens[k + 1];
  if (next && next.kind === 'punct' && (next.text === '(' || next.text === '.')) return undefined;
  const prev = tokens[k - 1];
  if (prev && prev.kind === 'word' && prev.text.toLowerCase() === 'as') return undefined;
  const name = identifierText(t);
  if (r.analysis.ctes.has(name)) return undefined;
  const derivedTarget = (column: OutputColumn | undefined): Target | undefined => column && { kind: 'derived', path: r.path, column };
  if (prev && prev.kind === 'punct' && prev.text === '.') {
    const qualifier = tokens[k - 2];
    if (!isName(qualifier)) return undefined;
    const alias = identifierText(qualifier);
    const output = derived?.qualified(alias, name, k);
    if (output) return derivedTarget(output);
    const owner = ownerOf(r.index, r.scope.byAlias.get(alias) ?? [], name);
    return owner ? { kind: 'column', datasource: owner, name } : undefined;
  }
  const owner = ownerOf(r.index, r.scope.all, name);
  return owner ? { kind: 'column', datasource: owner, name } : derivedTarget(derived?.unqualified(name, k));
}

/**
 * The occurrences in a query written outside datafiles (the `sql:` of a test file), resolved as the
 * SQL of a pipe's node would be; spans are offsets in `sql`.
 */
export function queryOccurrences(index: WorkspaceIndex, sql: string): Occurrence[] {
  const lines = sql.split('\n');
  const head = 'NODE query\nSQL >\n';
  const facts = computeFacts(QUERY_FILE, head + lines.map((l) => `    ${l}`).join('\n'));
  if (!facts) return [];
  const sqlStarts = computeLineStarts(sql);
  const docStarts = facts.parsed.lineStarts;
  const toSql = (offset: number) => {
    const { line, character } = positionAt(docStarts, offset);
    return sqlStarts[line - 2] + character - 4;
  };
  return computeOccurrences(index, facts)
    .filter((o) => o.span.start >= head.length && !(o.target.kind === 'node' && o.target.path === QUERY_FILE))
    .map((o) => ({ ...o, span: { start: toSql(o.span.start), end: toSql(o.span.end) } }));
}

/** Where a query outside datafiles is pretended to stand (no datafile has this name). */
const QUERY_FILE = '/\0query.pipe';

/** The offset in a SQL text that maps to a document offset, if any. */
export function sqlOffset(sql: { text: string; toDocument(o: number): number }, docOffset: number): number | undefined {
  let lo = 0;
  let hi = sql.text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sql.toDocument(mid) <= docOffset) lo = mid;
    else hi = mid - 1;
  }
  return sql.toDocument(lo) === docOffset ? lo : undefined;
}

/** The innermost node whose span holds an offset (an include's hidden `default` node spans it all). */
export function nodeAtOffset(file: FileFacts, offset: number): NodeFacts | undefined {
  for (let i = file.nodes.length - 1; i >= 0; i--) {
    const span = file.nodes[i].node.span;
    if (span.start <= offset && offset <= span.end) return file.nodes[i];
  }
  return undefined;
}

function commandAt(file: FileFacts, offset: number): Command | undefined {
  return file.parsed.commands.find((c) => c.span.start <= offset && offset <= c.span.end);
}

export function symbolAt(index: WorkspaceIndex, file: FileFacts, offset: number): SymbolAt | undefined {
  const occurrence = occurrences(index, file).find((o) => contains(o.span, offset));
  if (occurrence) return { kind: 'target', target: occurrence.target, span: occurrence.span, occurrence };
  const text = file.parsed.text;
  const command = commandAt(file, offset);
  if (command && contains(command.keyword, offset)) return { kind: 'keyword', name: command.keyword.text.toUpperCase(), span: command.keyword };
  const node = nodeAtOffset(file, offset);
  const sql = node?.node.sql;
  if (sql && command === sql.command) {
    const fn = functionAt(sql, offset);
    if (fn) return fn;
  }
  const word = wordAt(text, offset);
  if (word && file.role !== 'include' && text.slice(word.start, word.end) === file.name) {
    return { kind: 'target', target: { kind: 'resource', name: file.name }, span: word };
  }
  return undefined;
}

/** A function name in SQL (ClickHouse) or inside a template tag. */
function functionAt(sql: { text: string; toDocument(o: number): number }, offset: number): SymbolAt | undefined {
  const at = sqlOffset(sql, offset);
  if (at === undefined) return undefined;
  const word = wordAt(sql.text, at);
  if (!word || !/^\s*\(/.test(sql.text.slice(word.end))) return undefined;
  const name = sql.text.slice(word.start, word.end);
  const span = { start: sql.toDocument(word.start), end: sql.toDocument(word.end - 1) + 1 };
  return { kind: insideTemplateTag(sql.text, word.start) ? 'templateFunction' : 'clickhouseFunction', name, span };
}

/** Where the template tag holding an offset of SQL text opens (`{{` or `{%`), or -1 outside tags. */
function templateTagStart(text: string, offset: number): number {
  const open = Math.max(text.lastIndexOf('{{', offset), text.lastIndexOf('{%', offset));
  if (open < 0) return -1;
  const close = Math.max(text.lastIndexOf('}}', offset), text.lastIndexOf('%}', offset));
  return close < open ? open : -1;
}

/** Whether an offset of SQL text lies inside `{{ }}` or `{% %}`. */
function insideTemplateTag(text: string, offset: number): boolean {
  return templateTagStart(text, offset) >= 0;
}
