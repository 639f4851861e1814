// Whole-pipe resolution (resolution-and-tables.md §1): each reference to another node of the pipe, or to a pipe
// used as a table, becomes `(\n<rendered SQL>\n) AS name`, rewritten on the project's own SQL token ranges.
import type { Span, SqlBlock } from '../parser/ast';
import { analyzeSql } from '../parser/sqlRefs';
import { identifierText, isName, isWord } from '../parser/sqlScan';
import { endpointNode, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { Value } from './python/values';
import { TemplateError, renderTemplate } from './render';

export interface ResolveOptions {
  variables?: Map<string, Value> | null;
  testMode?: boolean;
  secrets?: string[];
}

export type ResolveResult =
  | { ok: true; sql: string; resolved: string }
  | {
      ok: false;
      kind: string;
      message: string;
      /** Pipe file and node whose template failed. */
      file: string;
      node: string;
      /** Document range of the error when known, else the node's SQL block. */
      span?: Span;
    };

class ResolveFailure extends Error {
  constructor(readonly result: Extract<ResolveResult, { ok: false }>) {
    super(result.message);
  }
}

/** A node's SQL as the engine receives it: a template's text after its leading `%`, else the SQL as stored. */
export function nodeTemplate(node: NodeFacts): { text: string; templated: boolean } | undefined {
  const sql = node.node.sql;
  if (!sql) return undefined;
  return sql.templated ? { text: sql.text.slice(1), templated: true } : { text: sql.text, templated: false };
}

/** The document range of a template range `[start, end)`; the whole SQL block when the engine gave none. */
export function templateDocumentSpan(block: SqlBlock, start: number | undefined, end: number | undefined): Span {
  // offsets are in the template, which starts one character after the block's `%`
  if (start === undefined) return { start: block.toDocument(0), end: block.toDocument(Math.max(0, block.text.length - 1)) + 1 };
  return { start: block.toDocument(start + 1), end: block.toDocument(Math.max(start + 1, end ?? start + 1)) + 1 };
}

class Resolver {
  private readonly rendered = new Map<string, string>();
  private readonly resolved = new Map<string, string>();
  private readonly active = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly options: ResolveOptions,
  ) {}

  private nodes(pipe: FileFacts): NodeFacts[] {
    return this.index.nodesOf(pipe).map((n) => n.node);
  }

  render(pipe: FileFacts, node: NodeFacts): string {
    const key = `${pipe.path}\u0000${node.name}`;
    const hit = this.rendered.get(key);
    if (hit !== undefined) return hit;
    const t = nodeTemplate(node);
    let sql = t?.text ?? '';
    if (t?.templated) {
      try {
        sql = renderTemplate(t.text, {
          variables: this.options.variables ?? null,
          testMode: this.options.testMode ?? this.options.variables == null,
          secrets: this.options.secrets,
          name: node.name,
        }).sql;
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        const span = templateDocumentSpan(node.node.sql!, e.offset, e.end);
        throw new ResolveFailure({ ok: false, kind: e.kind, message: e.message, file: pipe.path, node: node.name, span });
      }
    }
    this.rendered.set(key, sql);
    return sql;
  }

  resolve(pipe: FileFacts, node: NodeFacts): string {
    const key = `${pipe.path}\u0000${node.name}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    if (this.active.has(key)) {
      throw new ResolveFailure({ ok: false, kind: 'CircularDependencyError', message: `circular reference to node ${node.name}`, file: pipe.path, node: node.name });
    }
    this.active.add(key);
    const sql = this.render(pipe, node);
    const out = this.rewrite(sql, pipe, node);
    this.active.delete(key);
    this.resolved.set(key, out);
    return out;
  }

  /** The replacement of a table name seen in `pipe`: another node, or a pipe used as a table. */
  private replacement(name: string, pipe: FileFacts, self: NodeFacts): { sql: string; isTable: boolean } | undefined {
    const sibling = this.nodes(pipe).find((n) => n.name === name && n !== self);
    if (sibling) return this.nodeAsTable(pipe, sibling);
    const other = this.index.resolve(name);
    if (other && other.role === 'pipe' && other !== pipe) {
      const endpoint = endpointNode(this.index, other);
      if (endpoint) return { sql: this.resolve(other, endpoint), isTable: false };
      const mv = this.nodes(other).find((n) => n.type === 'materialized' && n.target);
      if (mv) return { sql: mv.target!.name, isTable: true };
    }
    return undefined;
  }

  private nodeAsTable(pipe: FileFacts, node: NodeFacts): { sql: string; isTable: boolean } {
    if (node.type === 'materialized' && node.target) return { sql: `SELECT * FROM ${node.target.name}`, isTable: false };
    return { sql: this.resolve(pipe, node), isTable: false };
  }

  private rewrite(sql: string, pipe: FileFacts, self: NodeFacts): string {
    const analysis = analyzeSql(sql);
    const edits: { start: number; end: number; text: string }[] = [];
    const aliasOf = new Map<string, string>();
    for (const ref of analysis.refs) {
      if (analysis.ctes.has(ref.name) && ref.qualifier === undefined) continue;
      const r = this.replacement(ref.name, pipe, self);
      if (!r) continue;
      const body = r.isTable ? r.sql : `(\n${r.sql}\n)`;
      edits.push({ ...ref.fullSpan, text: ref.alias ? body : `${body} AS ${ref.name}` });
      if (ref.alias && ref.alias !== ref.name) aliasOf.set(ref.name, ref.alias);
    }
    // `IN name` (no alias) and qualifiers naming a replaced table that has an alias
    const tokens = analysis.tokens;
    const refStarts = new Set(analysis.refs.map((r) => r.fullSpan.start));
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!isName(t) || refStarts.has(t.start)) continue;
      const name = identifierText(t);
      const next = tokens[i + 1];
      if (isWord(tokens[i - 1], 'in') && !(next && next.text === '(') && !(next && next.text === '.') && !analysis.ctes.has(name)) {
        const r = this.replacement(name, pipe, self);
        if (r) edits.push({ start: t.start, end: t.end, text: r.isTable ? r.sql : `(\n${r.sql}\n)` });
      } else if (next?.text === '.' && aliasOf.has(name) && tokens[i - 1]?.text !== '.') {
        edits.push({ start: t.start, end: t.end, text: aliasOf.get(name)! });
      }
    }
    edits.sort((a, b) => b.start - a.start);
    let out = sql;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

/**
 * Renders `nodeName` of `pipe` with the request variables (test mode when none are given) and resolves every
 * reference to another node or pipe into one query.
 */
export function resolveNodeQuery(index: WorkspaceIndex, pipe: FileFacts, nodeName: string, options: ResolveOptions = {}): ResolveResult {
  const node = index.nodesOf(pipe).map((n) => n.node).find((n) => n.name === nodeName);
  if (!node) return { ok: false, kind: 'NodeNotFound', message: `no node named ${nodeName} in ${pipe.name}`, file: pipe.path, node: nodeName };
  const resolver = new Resolver(index, options);
  try {
    return { ok: true, sql: resolver.render(pipe, node), resolved: resolver.resolve(pipe, node) };
  } catch (e) {
    if (e instanceof ResolveFailure) return e.result;
    throw e;
  }
}
