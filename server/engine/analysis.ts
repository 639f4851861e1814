// Every node checked by ClickHouse itself: the resolved query analysed with EXPLAIN QUERY TREE on the
// project's tables, and a materialized or copy node's output inserted (on paper) into its target.
// ClickHouse's errors become findings of rule `clickhouse` on the exact range of the datafile.
import type { DiagnosticsConfig } from '../diagnostics/config';
import { CLICKHOUSE_RULE } from '../diagnostics/registry';
import type { Edit, RuleSeverity } from '../diagnostics/rule';
import { isSuppressed, suppressionsOf } from '../diagnostics/support/suppress';
import type { Span } from '../parser/ast';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { EngineRequester } from './client';
import { nodeQuery, type NodeQuery, type Variables } from './nodeQuery';
import type { AnalyseQuery, AnalyseResult, EngineError } from './protocol';
import { projectTables } from './tables';

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

/**
 * The findings of `file` its configuration shows, with their severity: none when tinybird-lint.json
 * (or the settings) turn `clickhouse` off, and none a `tb-lint-disable clickhouse` directive covers.
 */
export function shownFindings(file: FileFacts, findings: readonly EngineFinding[], config: DiagnosticsConfig): { findings: EngineFinding[]; severity: RuleSeverity } | undefined {
  const level = config.rules[CLICKHOUSE_RULE] ?? 'error';
  if (level === 'off') return undefined;
  const suppressions = suppressionsOf(file);
  return { findings: findings.filter((f) => f.file === file && !isSuppressed(suppressions, CLICKHOUSE_RULE, f.span)), severity: level };
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
export async function createProjectTables(engine: EngineRequester, index: WorkspaceIndex): Promise<{ created: Set<string>; ms: number }> {
  const { tables } = projectTables(index);
  const response = await engine.request({ op: 'createTables', tables: tables.map(({ name, sql }) => ({ name, sql })) });
  return { created: new Set(response.created), ms: response.ms };
}

interface Planned {
  file: FileFacts;
  node: NodeFacts;
  query: NodeQuery;
  /** Rendered with the pipe's saved parameter values rather than in test mode. */
  saved: boolean;
}

/** What a finding found only with the saved parameter values says first. */
export const SAVED_PARAMS_PREFIX = 'with saved parameters: ';

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

/** The test-mode query of each node, and its query with the pipe's saved values when that differs. */
function plan(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, tables: Set<string>, saved: Variables | undefined): Planned[] {
  const query = nodeQuery(index, file, node.name, { tables });
  const plans = query ? [{ file, node, query, saved: false }] : [];
  const withValues = saved && Object.keys(saved).length ? nodeQuery(index, file, node.name, { tables, variables: saved }) : undefined;
  if (withValues && withValues.sql !== query?.sql) plans.push({ file, node, query: withValues, saved: true });
  return plans;
}

/** Results of earlier analyses by target and resolved SQL; valid while the engine's tables stay the same. */
export type AnalysisCache = Map<string, AnalyseResult>;

/** Resolving queries yields to other work (a keystroke in the server) after this many milliseconds. */
const PLAN_SLICE_MS = 4;

export interface AnalyseOptions {
  /** Results kept from earlier analyses: cached queries are not sent again. */
  cache?: AnalysisCache;
  /** The parameter values saved for a pipe: its nodes are analysed in test mode and with these too. */
  savedParams?: (pipe: FileFacts) => Variables | undefined;
}

/**
 * Analyses the nodes of `files` (pipes of the index) in an engine whose tables exist. A finding of the
 * saved-values query that the test-mode query has too is reported once, without the prefix.
 */
export async function analyseFiles(engine: EngineRequester, index: WorkspaceIndex, files: readonly FileFacts[], tables: Set<string>, options: AnalyseOptions = {}): Promise<{ findings: EngineFinding[]; stats: AnalysisStats }> {
  const { cache } = options;
  const plans: Planned[] = [];
  let nodes = 0;
  let slice = performance.now() + PLAN_SLICE_MS;
  for (const file of files) {
    if (performance.now() > slice) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now() + PLAN_SLICE_MS;
    }
    if (file.role !== 'pipe') continue;
    const saved = options.savedParams?.(file);
    for (const node of file.nodes) {
      if (!node.node.command || !node.node.sql) continue;
      nodes++;
      plans.push(...plan(index, file, node, tables, saved));
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
  const seen = new Set<string>();
  const identity = (f: EngineFinding) => `${f.file.path}\n${f.span.start}\n${f.span.end}\n${f.message}`;
  // Test mode first, so a finding both queries have is the test-mode one.
  const ordered = [...results].sort((a, b) => Number(plans[Number(a.key)].saved) - Number(plans[Number(b.key)].saved));
  for (const r of ordered) {
    const planned = plans[Number(r.key)];
    const found = [r.error && finding(planned, r.error), r.targetError && finding(planned, r.targetError, planned.node.target!.span)];
    for (const f of found) {
      if (!f || seen.has(identity(f))) continue;
      seen.add(identity(f));
      findings.push(planned.saved ? { ...f, message: `${SAVED_PARAMS_PREFIX}${f.message}` } : f);
    }
  }
  const analysed = plans.filter((p) => !p.saved).length;
  return { findings, stats: { nodes, analysed, skipped: nodes - analysed, nodeMs: fresh.map((r) => r.ms), tablesMs: 0 } };
}
