// Hover: for a datasource, its role, engine and keys, who writes and reads it and its lineage; for a
// pipe or node, its type, reads, writes, parameters and readers; for a table Tinybird creates without a
// datafile (inline materialized target, quarantine), its origin and columns; for a column, its definition (for an
// output column of a CTE or subquery, its expression and the column it passes on); for a template parameter,
// its declaration and the SQL of the value the client set; for keywords and functions, the catalog's
// signature and description. Every name links to its file.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { resolveClickhouseFunction } from '../catalog/clickhouse';
import { datafileKeyword } from '../catalog/keywords';
import { templateFunction } from '../catalog/template';
import type { Column } from '../parser/ast';
import { implicitTable, type ImplicitTable } from '../semantic/tables';
import { toRange } from '../lsp/convert';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { walk } from '../workspace/lineage';
import { templateParameters } from '../parser/templateParams';
import type { TemplateParameter } from '../protocol';
import { renderedValue } from '../template/paramValue';
import { nodeAnchor, uriAt, type FeatureContext } from './context';
import { describeCron, formatUtc, isOnDemand, nextRun } from '../workspace/cron';
import { datasourceRoles, pipeKind } from './roles';
import { columnWriters } from '../semantic/writers';
import { UNTRACED } from './columnPath';
import type { OutputColumn } from '../semantic/derived';
import { localReaders, nodeReaders, occurrencesOf } from '../semantic/occurrences';
import { columnsOf, columnType } from '../semantic/columns';
import { nodesOf, pipeParameters, publishedNode, visibleNodes } from '../semantic/model';
import { symbolAt, type SymbolAt, type Target } from '../semantic/symbols';

const MAX_LISTED = 25;
/** Lines of one group of a datasource hover before `+N more`. */
const MAX_GROUPED = 8;
const LINEAGE_DEPTH = 3;
const MAX_PER_LEVEL = 8;

export function hover(ctx: FeatureContext, file: FileFacts, offset: number): Hover | null {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol) return null;
  const value = describe(ctx, file, symbol);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(file.parsed.lineStarts, symbol.span) };
}

function describe(ctx: FeatureContext, file: FileFacts, symbol: SymbolAt): string | undefined {
  switch (symbol.kind) {
    case 'target':
      return describeTarget(ctx, file, symbol.target);
    case 'keyword': {
      const kw = datafileKeyword(symbol.name);
      return kw && `\`\`\`\n${kw.usage}\n\`\`\`\n\n${kw.description}`;
    }
    case 'templateFunction': {
      const fn = templateFunction(symbol.name);
      return fn && `\`\`\`\n${fn.signature}\n\`\`\`\n\n${fn.description}`;
    }
    case 'clickhouseFunction': {
      const found = resolveClickhouseFunction(symbol.name);
      if (!found) return undefined;
      const { fn, combinators } = found;
      const combined = combinators.length ? `\n\nCombinators: ${combinators.map((c) => `\`-${c}\``).join(', ')}` : '';
      const returns = fn.returns ? `\n\n**Returns** ${fn.returns}` : '';
      return `\`\`\`\n${fn.signature}\n\`\`\`\n\n${fn.description}${returns}${combined}`;
    }
  }
}

function describeTarget(ctx: FeatureContext, file: FileFacts, target: Target): string | undefined {
  switch (target.kind) {
    case 'resource': {
      const def = ctx.index.resolve(target.name);
      if (def) return def.role === 'datasource' ? datasourceHover(ctx, def) : pipeHover(ctx, def);
      const implicit = implicitTable(ctx.index, target.name);
      return implicit ? implicitTableHover(ctx, target.name, implicit) : `\`${target.name}\` — not defined in this workspace.`;
    }
    case 'node': {
      const owner = ctx.index.get(target.path);
      const node = owner && visibleNodes(ctx.index, owner).get(target.name)?.node;
      return owner && node ? nodeHover(ctx, owner, node, file) : undefined;
    }
    case 'column':
      return datasourceColumnHover(ctx, target.datasource, target.name);
    case 'derived':
      return derivedColumnHover(ctx, target.column);
    case 'include': {
      const inc = ctx.index.get(target.path);
      if (!inc) return `Included file \`${target.path}\` — not found.`;
      const nodes = inc.nodes.filter((n) => n.node.command).map((n) => `\`${n.name}\``);
      return `**include** ${link(ctx, inc)}${nodes.length ? `\n\nNodes: ${nodes.join(', ')}` : ''}`;
    }
    case 'parameter': {
      const pipe = ctx.index.get(target.path);
      if (!pipe) return undefined;
      const param = pipeParameters(ctx.index, pipe).find((p) => p.name === target.name);
      return param ? parameterHover(param, ctx.parameterValues?.(pipe)?.[target.name]) : `**parameter** \`${target.name}\` — read without a type function or defined()`;
    }
  }
}

const link = (ctx: FeatureContext, file: FileFacts) => `[\`${file.name}\`](${ctx.uriOf(file.path)})`;
const nodeLink = (ctx: FeatureContext, file: FileFacts, node: NodeFacts) => `[\`${node.name}\`](${uriAt(ctx, file, nodeAnchor(node).start)})`;
const nameLink = (ctx: FeatureContext, name: string) => {
  const def = ctx.index.resolve(name);
  return def ? link(ctx, def) : `\`${name}\``;
};

function capped(lines: string[]): string[] {
  return lines.length <= MAX_LISTED ? lines : [...lines.slice(0, MAX_LISTED), `- … and ${lines.length - MAX_LISTED} more`];
}

/** How a writer node writes: `materialized view`, or `copy, append, every day at 03:10 (UTC), next run …`. */
function writerSummary(node: NodeFacts, now: Date): string {
  if (node.type !== 'copy') return node.type === 'materialized' ? 'materialized view' : node.type;
  const mode = node.copyMode ?? 'append';
  if (isOnDemand(node.copySchedule)) return `copy, ${mode}, on demand`;
  const next = nextRun(node.copySchedule!, now);
  return `copy, ${mode}, ${describeCron(node.copySchedule!)}${next ? `, next run ${formatUtc(next)}` : ''}`;
}

function datasourceRole(ctx: FeatureContext, name: string): string {
  const roles = datasourceRoles(ctx.index, name, ctx.options);
  const parts: string[] = [];
  if (roles.raw) parts.push('raw (ingested)');
  if (roles.materialized) parts.push('materialized view target');
  if (roles.copy) parts.push('copy target');
  if (roles.multiSnapshot) parts.push(`**multi-snapshot** (filter on the latest \`${roles.snapshotColumn}\`)`);
  else if (roles.snapshotColumn) parts.push(`single snapshot (\`${roles.snapshotColumn}\`)`);
  return parts.join(' · ');
}

/** A command link opening the lineage view on a resource (the client trusts this one command). */
const lineageLink = (ctx: FeatureContext, file: FileFacts, title: string) =>
  `[${title}](command:tinybird.showLineage?${encodeURIComponent(JSON.stringify([ctx.uriOf(file.path)]))})`;

/** Up to MAX_GROUPED lines, then one `+N more` line linking to the lineage view. */
function cappedGroup(ctx: FeatureContext, of: FileFacts, lines: string[]): string[] {
  if (lines.length <= MAX_GROUPED) return lines;
  return [...lines.slice(0, MAX_GROUPED), `- ${lineageLink(ctx, of, `+${lines.length - MAX_GROUPED} more`)}`];
}

/** Endpoint pipes anywhere downstream of a resource. */
function endpointsDownstream(ctx: FeatureContext, name: string): number {
  const { levels } = walk(ctx.index, name, 'down', Number.MAX_SAFE_INTEGER);
  return levels.flatMap((l) => l.names).filter((n) => {
    const pipe = ctx.index.pipe(n);
    return pipe && publishedNode(ctx.index, pipe);
  }).length;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function datasourceHover(ctx: FeatureContext, ds: FileFacts): string {
  const node = ds.parsed.nodes[0];
  const engine = node?.engine;
  const writers = ctx.index.writersOf(ds.name);
  const readers = localReaders(ctx.index, ds.name);
  const readerPipes = new Set(readers.map((r) => r.file));
  // One line that reads at a glance: role, engine and the size of its lineage.
  const summary = [
    datasourceRole(ctx, ds.name) || 'datasource',
    `\`${engine?.type?.value ?? 'MergeTree'}\``,
    count(writers.length, 'writer'),
    count(readerPipes.size, 'reader'),
    `${count(endpointsDownstream(ctx, ds.name), 'endpoint')} downstream`,
  ];
  const out: (string | undefined)[] = [`**datasource** ${link(ctx, ds)} — ${summary.join(' · ')}`];
  const arg = (name: string) => engine?.args.find((a) => a.name === name)?.value;
  const facts = [
    arg('sorting_key') && `sorting key \`${arg('sorting_key')}\``,
    arg('ver') && `version column \`${arg('ver')}\``,
    arg('partition_key') && `partition key \`${arg('partition_key')}\``,
    arg('ttl') && `TTL \`${arg('ttl')}\``,
    `${node?.schema?.columns.length ?? 0} columns`,
  ].filter(Boolean);
  out.push(facts.join(' · '));
  out.push(readersSection(ctx, ds.name, ds, readers));
  out.push(writersSection(ctx, ds, writers));
  out.push(lineageSection(ctx, ds.name));
  return out.filter(Boolean).join('\n\n');
}

/** A table Tinybird creates without a datafile: a materialized node's inline target, or a quarantine table. */
function implicitTableHover(ctx: FeatureContext, name: string, table: ImplicitTable): string {
  const what =
    table.kind === 'quarantine'
      ? `**quarantine table** \`${name}\` — the rows ${link(ctx, table.origin)} rejected: the error columns, then its columns as \`Nullable(String)\``
      : `**datasource** \`${name}\` — created by the materialized node of ${link(ctx, table.origin)} (ENGINE in the node)`;
  const columns = table.columns?.map((c) => `\`${c.name}\`${c.type ? ` ${c.type}` : ''}`);
  return [what, columns ? `Columns: ${capped(columns).join(', ')}` : undefined, readersSection(ctx, name)].filter(Boolean).join('\n\n');
}

/** Writers grouped by kind (materialized views, then copies), each group capped. */
function writersSection(ctx: FeatureContext, ds: FileFacts, writers: ReturnType<WorkspaceIndex['writersOf']>): string | undefined {
  if (!writers.length) return undefined;
  const now = ctx.now?.() ?? new Date();
  const groups = new Map<string, string[]>();
  for (const w of writers) {
    const kind = w.node.type === 'copy' ? 'copies' : w.node.type === 'materialized' ? 'materialized views' : w.node.type;
    const lines = groups.get(kind) ?? [];
    lines.push(`- ${link(ctx, w.file)} › ${nodeLink(ctx, w.via ?? w.file, w.node)} — ${writerSummary(w.node, now)}`);
    groups.set(kind, lines);
  }
  const order = (k: string) => (k === 'materialized views' ? 0 : k === 'copies' ? 1 : 2);
  const sections = [...groups].sort(([a], [b]) => order(a) - order(b)).map(([kind, lines]) => `*${kind}* (${lines.length})\n${cappedGroup(ctx, ds, lines).join('\n')}`);
  return `**Written by** (${writers.length})\n\n${sections.join('\n\n')}`;
}

/** Readers grouped by pipe, endpoint pipes first and marked; capped with a link to the lineage view when `of` is given. */
function readersSection(ctx: FeatureContext, name: string, of?: FileFacts, readers = localReaders(ctx.index, name)): string {
  const byPipe = new Map<FileFacts, Set<string>>();
  for (const r of readers) {
    const set = byPipe.get(r.file) ?? new Set<string>();
    set.add(r.read.node);
    byPipe.set(r.file, set);
  }
  if (!byPipe.size) return '**Read by** nothing in this workspace';
  const rows = [...byPipe].map(([pipe, nodes]) => {
    const endpoint = publishedNode(ctx.index, pipe) !== undefined;
    return { endpoint, line: `- ${link(ctx, pipe)}${endpoint ? ' **(endpoint)**' : ''} › ${[...nodes].map((n) => `\`${n}\``).join(', ')}` };
  });
  const lines = [...rows.filter((r) => r.endpoint), ...rows.filter((r) => !r.endpoint)].map((r) => r.line);
  return `**Read by** (${byPipe.size})\n${(of ? cappedGroup(ctx, of, lines) : capped(lines)).join('\n')}`;
}

function lineageSection(ctx: FeatureContext, name: string): string {
  const chain = (direction: 'up' | 'down', title: string) => {
    const { levels, cut } = walk(ctx.index, name, direction, LINEAGE_DEPTH);
    if (!levels.length) return undefined;
    const rows = levels.map(({ depth, names }) => {
      const shown = names.slice(0, MAX_PER_LEVEL).map((n) => nameLink(ctx, n));
      const more = names.length > MAX_PER_LEVEL ? ` +${names.length - MAX_PER_LEVEL} more` : '';
      return `${depth}. ${shown.join(', ')}${more}`;
    });
    if (cut) rows.push(`… ${cut} more beyond depth ${LINEAGE_DEPTH}`);
    return `**${title}**\n${rows.join('\n')}`;
  };
  return [chain('up', 'Upstream'), chain('down', 'Downstream')].filter(Boolean).join('\n\n');
}

function pipeHover(ctx: FeatureContext, pipe: FileFacts): string {
  const nodes = nodesOf(ctx.index, pipe);
  const out = [`**pipe** ${link(ctx, pipe)} — ${pipeKind(ctx.index, pipe)}`];
  const reads = [...new Set(pipe.externalReads.filter((r) => r.ref.qualifier === undefined).map((r) => r.ref.name))].filter((n) => !visibleNodes(ctx.index, pipe).has(n));
  if (reads.length) out.push(`**Reads** ${reads.map((n) => nameLink(ctx, n)).join(', ')}`);
  const now = ctx.now?.() ?? new Date();
  const writes = nodes.filter(({ node }) => node.target).map(({ node }) => `${nameLink(ctx, node.target!.name)} (${writerSummary(node, now)})`);
  if (writes.length) out.push(`**Writes** ${writes.join(', ')}`);
  out.push(`**Nodes** ${nodes.map(({ node, via }) => `${nodeLink(ctx, via ?? pipe, node)} (${node.type})`).join(' → ')}`);
  const params = paramsTable(pipeParameters(ctx.index, pipe));
  if (params) out.push(params);
  out.push(readersSection(ctx, pipe.name));
  return out.join('\n\n');
}

function paramsTable(params: TemplateParameter[]): string | undefined {
  if (!params.length) return undefined;
  const cell = (s: string | undefined) => (s ? s.replace(/\|/g, '\\|').replace(/\n/g, ' ') : '');
  const rows = params.map((p) => `| \`${p.name}\`${p.required ? ' *' : ''} | ${p.type} | ${cell(p.default)} | ${cell(p.description)} |`);
  return ['**Parameters**', '', '| name | type | default | description |', '|---|---|---|---|', ...rows].join('\n');
}

/** A template parameter: its declaration across the pipe's nodes and, when the client has set it, the SQL its value becomes. */
function parameterHover(p: TemplateParameter, value: string | undefined): string {
  const facts = [p.type, p.required ? 'required' : 'optional', ...(p.default !== undefined ? [`default \`${p.default}\``] : [])];
  const out = [`**parameter** \`${p.name}\` — ${facts.join(' · ')}`];
  if (p.description) out.push(p.description);
  if (value !== undefined) {
    const r = renderedValue(p.name, p.type, value);
    out.push(`**Value** \`${value}\` → ${r.ok ? `\`${r.sql}\`` : `${r.kind}: ${r.message}`}`);
  }
  return out.join('\n\n');
}

function nodeHover(ctx: FeatureContext, owner: FileFacts, node: NodeFacts, from: FileFacts): string {
  const pipe = owner.role === 'include' ? from : owner;
  const published = publishedNode(ctx.index, pipe)?.name === node.name;
  const out = [`**node** ${nodeLink(ctx, owner, node)} of ${link(ctx, pipe)} — ${node.type}${published && node.type !== 'endpoint' ? ' (published endpoint)' : ''}`];
  const refs = (node.analysis?.refs ?? []).filter((r) => r.qualifier === undefined && !node.analysis!.ctes.has(r.name));
  const names = [...new Set(refs.map((r) => r.name))];
  if (names.length) out.push(`**Reads** ${names.map((n) => (visibleNodes(ctx.index, pipe).has(n) ? `\`${n}\`` : nameLink(ctx, n))).join(', ')}`);
  if (node.target) out.push(`**Writes** ${nameLink(ctx, node.target.name)} (${writerSummary(node, ctx.now?.() ?? new Date())})`);
  const params = paramsTable(templateParameters([node.node.sql?.text ?? '']));
  if (params) out.push(params);
  const readers = nodeReaders(ctx.index, pipe, node, published);
  out.push(
    readers.length
      ? `**Read by** ${readers.map((r) => (r.file === pipe ? `\`${r.node}\`` : `${link(ctx, r.file)} › \`${r.node}\``)).join(', ')}`
      : '**Read by** nothing',
  );
  return out.join('\n\n');
}

function datasourceColumnHover(ctx: FeatureContext, datasource: string, name: string): string | undefined {
  const column = columnsOf(ctx.index, datasource)?.get(name);
  const ds = ctx.index.datasource(datasource);
  return column && ds ? columnHover(ctx, ds, column) : undefined;
}

function derivedColumnHover(ctx: FeatureContext, column: OutputColumn): string {
  const { table, source } = column;
  const of = table.name ? `${table.kind === 'cte' ? 'CTE' : 'subquery'} \`${table.name}\`` : 'a subquery';
  const lines = [`**column** \`${column.name}\` of ${of} of this node`, `\`\`\`sql\n${column.expression}\n\`\`\``];
  const origin = source && datasourceColumnHover(ctx, source.datasource, source.name);
  if (origin) lines.push(`from ${origin}`);
  return lines.join('\n\n');
}

function columnHover(ctx: FeatureContext, ds: FileFacts, column: Column): string {
  const lines = [`**column** \`${column.name}\` \`${columnType(column)}\` of [\`${ds.name}\`](${uriAt(ctx, ds, column.nameSpan.start)})`];
  if (column.jsonPath) lines.push(`JSON path \`${column.jsonPath}\``);
  if (column.defaultValue) lines.push(`\`${column.defaultValue}\``);
  if (column.codec) lines.push(`\`${column.codec}\``);
  const lineage = columnLineageSection(ctx, ds, column.name);
  if (lineage) lines.push(lineage);
  lines.push(`[Show column lineage](command:tinybird.showColumnLineage?${encodeURIComponent(JSON.stringify([ctx.uriOf(ds.path), column.name]))})`);
  return lines.join('\n\n');
}

/** The SELECT items writing a column (each MV/copy node), and the pipes reading it. */
function columnLineageSection(ctx: FeatureContext, ds: FileFacts, name: string): string | undefined {
  const { writers, untraced } = columnWriters(ctx.index, ds.name, name);
  const out: string[] = [];
  const rows = [
    ...writers.map((w) => `- ${nodeLink(ctx, w.file, w.node)} of ${link(ctx, w.file)}: \`${w.expression.replace(/\s+/g, ' ').replace(/`/g, "'")}\``),
    ...untraced.map((u) => `- ${nodeLink(ctx, u.file, u.node)} of ${link(ctx, u.file)} ${UNTRACED[u.reason]}`),
  ];
  if (rows.length) out.push(`**Written by** (${rows.length})\n${cappedGroup(ctx, ds, rows).join('\n')}`);
  const readers = new Map<FileFacts, number>();
  for (const { file, occurrences } of occurrencesOf(ctx.index, { kind: 'column', datasource: ds.name, name })) {
    if (file !== ds) readers.set(file, occurrences.length);
  }
  if (readers.size) {
    const lines = [...readers].map(([f, n]) => `- ${link(ctx, f)}${publishedNode(ctx.index, f) ? ' **(endpoint)**' : ''} (${count(n, 'use')})`);
    out.push(`**Read by** (${readers.size})\n${cappedGroup(ctx, ds, lines).join('\n')}`);
  }
  return out.length ? out.join('\n\n') : undefined;
}
