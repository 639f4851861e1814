// Every node checked by ClickHouse itself: the resolved query analysed with EXPLAIN QUERY TREE on the
// project's tables, and a materialized or copy node's output inserted (on paper) into its target.
// ClickHouse's errors become findings of rule `clickhouse` on the exact range of the datafile.
import type { Span } from '../parser/ast';
import type { Edit } from '../diagnostics/rule';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { EngineClient } from './client';
import { nodeQuery, type NodeQuery } from './nodeQuery';
import type { AnalyseQuery, AnalyseResult, EngineError } from './protocol';
import { projectTables } from './tables';

export const CLICKHOUSE_RULE = 'clickhouse';

export interface EngineFinding {
  file: FileFacts;
  node: string;
  span: Span;
  /** `UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd`. */
  message: string;
  error: EngineError;
  /** ClickHouse's "Maybe you meant" suggestions, as replacements of the named identifier. */
  fixes: { title: string; edits: Edit[] }[];
}

export interface AnalysisStats {
  nodes: number;
  analysed: number;
  /** Nodes not analysed: not resolvable yet (templates) or reading names the project does not define. */
  skipped: number;
  /** Per analysed node, milliseconds in the engine. */
  nodeMs: number[];
  tablesMs: number;
}

/** Creates the project's tables in the engine; returns the names created. */
export async function createProjectTables(engine: EngineClient, index: WorkspaceIndex): Promise<{ created: Set<string>; ms: number }> {
  const { tables } = projectTables(index);
  const response = await engine.request({ op: 'createTables', tables: tables.map(({ name, sql }) => ({ name, sql })) });
  return { created: new Set(response.created), ms: response.ms };
}

interface Planned {
  file: FileFacts;
  node: NodeFacts;
  query: NodeQuery;
}

/** Splits ClickHouse's message into the readable part and its suggestions. */
export function cleanMessage(message: string): { text: string; suggestions: string[] } {
  let text = message;
  const suggestions: string[] = [];
  const maybe = /\.?\s*Maybe you meant:?\s*(\[[^\]]*\]|[^\s.?]+(?:\.[^\s.?]+)?)\??\.?\s*$/.exec(text);
  if (maybe) {
    text = text.slice(0, maybe.index);
    for (const m of maybe[1].matchAll(/'([^']+)'|([^\s[\],']+)/g)) suggestions.push(m[1] ?? m[2]);
  }
  text = text.replace(/[:.]?\s+in scope [\s\S]*$/i, '').replace(/`([^`]+)`/g, '$1');
  return { text: text.replace(/[.:]\s*$/, ''), suggestions };
}

/** The identifier a message names (`identifier \`x\``, `identifier 'x'`, `function x`). */
function namedIdentifier(message: string): string | undefined {
  const m = /identifier [`']([^`']+)[`']|function with name [`']([^`']+)[`']/i.exec(message);
  return m?.[1] ?? m?.[2];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where in the node's own SQL the error is: the parser's position, else the named identifier, else the node name. */
function errorSpan(planned: Planned, error: EngineError): { span: Span; identifier?: Span } {
  const sql = planned.node.node.sql!;
  if (error.offset !== undefined) {
    const at = planned.query.toDocument(error.offset);
    if (at !== undefined) return { span: { start: at, end: at + 1 } };
  }
  const name = namedIdentifier(error.message);
  if (name) {
    const last = name.split('.').pop()!;
    const m = new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?![\\w])|(?<![\\w])${escapeRegExp(last)}(?![\\w])`).exec(sql.text);
    if (m) {
      const span = { start: sql.toDocument(m.index), end: sql.toDocument(m.index + m[0].length - 1) + 1 };
      return { span, identifier: span };
    }
  }
  return { span: planned.node.node.nameSpan ?? planned.node.node.span };
}

function finding(planned: Planned, error: EngineError, targetSpan?: Span): EngineFinding {
  const { text, suggestions } = cleanMessage(error.message);
  const located = targetSpan ? { span: targetSpan } : errorSpan(planned, error);
  const identifier = 'identifier' in located ? located.identifier : undefined;
  const fixes = identifier ? suggestions.map((s) => ({ title: `Change to ${s}`, edits: [{ span: identifier, newText: s.split('.').pop()! }] })) : [];
  return { file: planned.file, node: planned.node.name, span: located.span, message: `${error.name}: ${text}`, error, fixes };
}

/** Results of earlier analyses by target and resolved SQL; valid while the engine's tables stay the same. */
export type AnalysisCache = Map<string, AnalyseResult>;

/** Resolving queries yields to other work (a keystroke in the server) after this many milliseconds. */
const PLAN_SLICE_MS = 4;

/**
 * Analyses the nodes of `files` (pipes of the index) in an engine whose tables exist; cached queries
 * are not sent again. The callers drop findings of files edited meanwhile.
 */
export async function analyseFiles(engine: EngineClient, index: WorkspaceIndex, files: readonly FileFacts[], tables: Set<string>, cache?: AnalysisCache): Promise<{ findings: EngineFinding[]; stats: AnalysisStats }> {
  const plans: Planned[] = [];
  let nodes = 0;
  let slice = performance.now() + PLAN_SLICE_MS;
  for (const file of files) {
    if (performance.now() > slice) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now() + PLAN_SLICE_MS;
    }
    if (file.role !== 'pipe') continue;
    for (const node of file.nodes) {
      if (!node.node.command || !node.node.sql) continue;
      nodes++;
      const query = nodeQuery(index, file, node.name, { tables });
      if (query) plans.push({ file, node, query });
    }
  }
  const queries: AnalyseQuery[] = plans.map((p, k) => {
    const target = (p.node.type === 'materialized' || p.node.type === 'copy') && p.node.target && tables.has(p.node.target.name) ? p.node.target.name : undefined;
    return target ? { key: String(k), sql: p.query.sql, target: `\`${target}\`` } : { key: String(k), sql: p.query.sql };
  });
  const cacheKey = (q: AnalyseQuery) => `${q.target ?? ''}\n${q.sql}`;
  const unknown = cache ? queries.filter((q) => !cache.has(cacheKey(q))) : queries;
  const { results: fresh } = unknown.length ? await engine.request({ op: 'analyse', queries: unknown }) : { results: [] };
  const byKey = new Map(fresh.map((r) => [r.key, r]));
  const results = queries.map((q) => {
    const fromEngine = byKey.get(q.key);
    if (fromEngine) cache?.set(cacheKey(q), fromEngine);
    return fromEngine ?? { ...cache!.get(cacheKey(q))!, key: q.key };
  });
  const findings: EngineFinding[] = [];
  for (const r of results) {
    const planned = plans[Number(r.key)];
    if (r.error) findings.push(finding(planned, r.error));
    if (r.targetError) findings.push(finding(planned, r.targetError, planned.node.target!.span));
  }
  return { findings, stats: { nodes, analysed: plans.length, skipped: nodes - plans.length, nodeMs: fresh.map((r) => r.ms), tablesMs: 0 } };
}
