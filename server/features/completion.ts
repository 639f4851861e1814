// Completion by context: keywords of the file kind (ENGINE_* only for the chosen engine) and snippets at
// the start of a line where their first section can begin, keyword values (engines, TYPE, COPY_MODE, COPY_SCHEDULE, MergeTree
// settings after ENGINE_SETTINGS, version-typed columns after ENGINE_VER, …), datasource names after
// DATASOURCE / TARGET_DATASOURCE, and in SQL: resources and nodes after FROM/JOIN, columns of the tables
// read (also after `alias.`, where the alias may be a CTE or subquery of the node), query settings after
// SETTINGS, template functions and the pipe's parameters inside `{{ }}`, ClickHouse functions elsewhere
// (after the columns, the most called in the project first).
// Long lists are cut to the typed prefix (the list is then incomplete, so the client asks again as the
// user types) and catalog documentation is sent on completionItem/resolve, keeping responses small.
import * as path from 'node:path';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import { clickhouseFunctions, clickhouseTypes, mergeTreeSettings, querySettings, type ChSetting } from '../catalog/clickhouse';
import datasourceSnippets from '../../snippets/tinybird-datasource.json';
import pipeSnippets from '../../snippets/tinybird-pipe.json';
import { canBeVersion } from '../diagnostics/support/schema';
import { datafileKeyword, ENGINE_ARGS, engineSpec, keywordsForKind, type DatafileKeyword, type EngineName, type KeywordValue } from '../catalog/keywords';
import { TEMPLATE_BLOCK_KEYWORDS, TEMPLATE_FUNCTIONS } from '../catalog/template';
import { columnsIn, type FileFacts, type NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { FeatureContext } from './context';
import { cursorAt } from './cursor';
import { DerivedColumns, type OutputColumn } from '../semantic/derived';
import { columnsOf, columnType, nodeOutputs } from '../semantic/columns';
import { nodeRead, pipeParameters, sqlTables, visibleNodes } from '../semantic/model';
import type { TableScope } from '../semantic/scopes';
import { sqlOffset } from '../semantic/symbols';

/** Items sent at most in one response; a longer list is cut to the typed prefix and marked incomplete. */
export const MAX_COMPLETION_ITEMS = 150;

/** What `completionItem/resolve` looks up to fill in an item's documentation. */
type ResolveData = { catalog: 'function' | 'type' | 'mergeTreeSetting' | 'setting'; name: string };

export function completion(ctx: FeatureContext, file: FileFacts, offset: number, triggerCharacter?: string): CompletionList {
  const items = contextItems(ctx, file, offset, triggerCharacter);
  if (items.length <= MAX_COMPLETION_ITEMS) return { isIncomplete: false, items };
  const typed = file.parsed.text.slice(wordStart(file.parsed.text, offset), offset).toLowerCase();
  const matching = typed ? items.filter((i) => (i.filterText ?? i.label).toLowerCase().startsWith(typed)) : items;
  return { isIncomplete: true, items: matching.slice(0, MAX_COMPLETION_ITEMS) };
}

function contextItems(ctx: FeatureContext, file: FileFacts, offset: number, triggerCharacter: string | undefined): CompletionItem[] {
  const cursor = cursorAt(file, offset);
  // A space only opens the list where a name is expected next (FROM/JOIN, SETTINGS, keyword values).
  const bySpace = triggerCharacter === ' ';
  switch (cursor.kind) {
    case 'keyword':
      return bySpace ? [] : [...keywordItems(file), ...snippetItems(file, offset)];
    case 'value':
      return valueItems(ctx.index, file, cursor.keyword, cursor.prefix);
    case 'block':
      if (cursor.keyword === 'sql') return sqlItems(ctx.index, file, cursor.node, cursor.prefix, offset, bySpace);
      if (!bySpace && cursor.keyword === 'schema' && afterColumnName(lastLine(cursor.prefix))) return typeItems();
      return [];
  }
}

/** The documentation of an item whose catalog entry was left out of the list (completionItem/resolve). */
export function resolveCompletion(item: CompletionItem): CompletionItem {
  const data = item.data as ResolveData | undefined;
  if (!data || typeof data.name !== 'string') return item;
  switch (data.catalog) {
    case 'function': {
      const fn = clickhouseFunctions().get(data.name);
      return fn ? { ...item, detail: fn.signature, documentation: fn.description ? md(fn.description) : undefined } : item;
    }
    case 'type': {
      const t = clickhouseTypes().get(data.name);
      return t ? { ...item, detail: t.syntax, documentation: t.description ? md(t.description) : undefined } : item;
    }
    case 'mergeTreeSetting':
    case 'setting': {
      const setting = (data.catalog === 'setting' ? querySettings() : mergeTreeSettings()).find((s) => s.name === data.name);
      return setting ? { ...item, documentation: setting.description ? md(setting.description) : undefined } : item;
    }
  }
  return item;
}

const lastLine = (text: string) => text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);

const md = (value: string) => ({ kind: MarkupKind.Markdown, value });

function keywordItem(kw: DatafileKeyword): CompletionItem {
  return {
    label: kw.name,
    kind: CompletionItemKind.Keyword,
    detail: kw.usage,
    documentation: md(kw.description),
    insertText: kw.snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    tags: kw.legacy ? [CompletionItemTag.Deprecated] : undefined,
    sortText: `${kw.legacy ? 1 : 0}${kw.name}`,
  };
}

/** The engine chosen in a file (MergeTree when there is no ENGINE line). */
function chosenEngine(file: FileFacts): EngineName {
  const written = file.parsed.nodes.find((n) => n.engine?.type)?.engine?.type?.value;
  return (written ? engineSpec(written)?.name : undefined) ?? 'MergeTree';
}

function keywordItems(file: FileFacts): CompletionItem[] {
  const kind = file.role === 'include' ? 'include' : file.role;
  const engineArgs = new Set<string>(ENGINE_ARGS[chosenEngine(file)].map((a) => a.keyword));
  return keywordsForKind(kind)
    .filter((kw) => kind !== 'datasource' || kw.group !== 'engine-arg' || engineArgs.has(kw.name))
    .map(keywordItem);
}

const valueItem = (v: KeywordValue, kind: CompletionItemKind = CompletionItemKind.EnumMember): CompletionItem => ({ label: v.value, kind, documentation: md(v.description) });

function valueItems(index: WorkspaceIndex, file: FileFacts, keyword: string, prefix: string): CompletionItem[] {
  if (keyword === 'DATASOURCE' || keyword === 'TARGET_DATASOURCE') return resourceItems(index, 'datasource');
  if (keyword === 'INCLUDE') return includeItems(index, file);
  // `ENGINE_SETTINGS a = 1, b|`: a setting name after the keyword or a comma, nothing after `=`.
  if (keyword === 'ENGINE_SETTINGS') return /(^|,)\s*"?[\w$]*$/.test(prefix) ? settingItems(mergeTreeSettings(), 'mergeTreeSetting') : [];
  const kw = datafileKeyword(keyword);
  const engineArg = kw?.engineArg && ENGINE_ARGS[chosenEngine(file)].find((a) => a.arg === kw.engineArg);
  const values = engineArg?.values ?? kw?.values;
  if (values) return values.map((v) => valueItem(v));
  if (kw?.engineArg) {
    // ENGINE_VER / ENGINE_VERSION take only a column the engine accepts as a version (engine-version-type).
    const version = kw.engineArg === 'ver' || kw.engineArg === 'version';
    return [...columnsIn(file).values()].filter((c) => !version || canBeVersion(c)).map((c) => ({ label: c.name, kind: CompletionItemKind.Field, detail: columnType(c) }));
  }
  return [];
}

function settingItems(settings: readonly ChSetting[], catalog: ResolveData['catalog']): CompletionItem[] {
  return settings.map((s) => ({
    label: s.name,
    kind: CompletionItemKind.Property,
    detail: `${s.type} (default ${s.default || "''"})${s.experimental ? ' · experimental' : ''}`,
    tags: s.experimental ? [CompletionItemTag.Deprecated] : undefined,
    data: { catalog, name: s.name } satisfies ResolveData,
  }));
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/**
 * Snippets of the file kind (`snippets/*.json`), each where its first section can begin: a datasource's
 * only in a file without SCHEMA; a pipe's NODE snippets where a node may start (not between NODE and its
 * SQL), its whole-pipe ones (DESCRIPTION first) only before the first NODE.
 */
function snippetItems(file: FileFacts, offset: number): CompletionItem[] {
  const { commands } = file.parsed;
  let allowed: (body: string) => boolean = () => false;
  if (file.role === 'datasource') allowed = () => !commands.some((c) => c.name === 'schema');
  if (file.role === 'pipe') {
    let node = false;
    let sql = false;
    for (const c of commands) {
      if (c.keyword.start >= offset) break;
      if (c.name === 'node') (node = true), (sql = false);
      if (c.name === 'sql') sql = true;
    }
    allowed = (body) => (/^NODE\b/.test(body) ? !node || sql : !node);
  }
  const snippets: Record<string, Snippet> = file.role === 'datasource' ? datasourceSnippets : file.role === 'pipe' ? pipeSnippets : {};
  return Object.entries(snippets).filter(([, s]) => allowed(Array.isArray(s.body) ? s.body[0] : s.body)).map(([name, s]) => ({
    label: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
    kind: CompletionItemKind.Snippet,
    detail: name,
    documentation: s.description,
    insertText: Array.isArray(s.body) ? s.body.join('\n') : s.body,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `2${name}`,
  }));
}

function resourceItems(index: WorkspaceIndex, role?: 'datasource' | 'pipe'): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const name of index.names()) {
    const def = index.resolve(name)!;
    if (role && def.role !== role) continue;
    items.push({ label: name, kind: def.role === 'datasource' ? CompletionItemKind.Struct : CompletionItemKind.Module, detail: def.role });
  }
  return items;
}

function includeItems(index: WorkspaceIndex, file: FileFacts): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const f of index.all()) {
    if (f.role !== 'include') continue;
    const rel = path.relative(path.dirname(file.path), f.path).split(path.sep).join('/');
    items.push({ label: `"${rel}"`, kind: CompletionItemKind.File });
  }
  return items;
}

/** SQL completion from the text of the block up to the cursor. */
function sqlItems(index: WorkspaceIndex, file: FileFacts, node: NodeFacts | undefined, prefix: string, offset: number, bySpace: boolean): CompletionItem[] {
  const tag = openTemplateTag(prefix);
  if (tag) {
    if (bySpace) return [];
    return tag === '{%' && /\{%-?\s*\w*$/.test(prefix) ? blockKeywordItems() : [...parameterItems(index, file), ...templateItems()];
  }
  // Backward scans from the cursor: regexes anchored at `$` over the whole
  // prefix are quadratic in the length of a long token.
  const before = prefix.slice(0, wordStart(prefix, prefix.length));
  const qualifier = before.endsWith('.') ? before.slice(wordStart(before, before.length - 1), before.length - 1) : '';
  const qualified = qualifier ? [before.slice(before.length - 1 - qualifier.length), qualifier] : null;
  const scope = node && sqlTables(index, file, node);
  if (qualified) {
    const derived = node && scope && derivedItems(index, scope, node, qualified[1], offset);
    if (derived) return derived;
    const tables = scope?.byAlias.get(qualified[1]) ?? [];
    return tables.flatMap((t) => columnItems(index, t));
  }
  if (afterSettings(before)) return settingItems(querySettings(), 'setting');
  if (afterFromOrJoin(before)) {
    const nodes = [...visibleNodes(index, file).keys()].filter((n) => n !== node?.name);
    const ctes = [...(node?.analysis?.ctes ?? [])];
    return [
      ...resourceItems(index),
      ...nodes.map((n) => ({ label: n, kind: CompletionItemKind.Function, detail: 'node', sortText: `0${n}` })),
      ...ctes.map((n) => ({ label: n, kind: CompletionItemKind.Variable, detail: 'CTE', sortText: `0${n}` })),
    ];
  }
  if (bySpace) return [];
  const columns = node && scope ? scopeItems(index, file, node, scope, offset) : [];
  return [...columns, ...functionItems(index)];
}

/**
 * The columns an unqualified name can take at the cursor: the output columns of the nodes (and pipes)
 * read, with their tables' columns when they select `*`, the datasources' columns, then the output
 * columns of the CTEs and subqueries read.
 */
function scopeItems(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, scope: TableScope, offset: number): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  const add = (item: CompletionItem) => items.has(item.label) || items.set(item.label, item);
  const { analysis } = node;
  const sql = node.node.sql;
  const at = (sql && sqlOffset(sql, offset)) ?? Number.MAX_SAFE_INTEGER;
  // FROM/JOIN inside a CTE or subquery the cursor is not in read for that table only.
  const inner = (start: number) => analysis!.derived.some((d) => d.open < start && start < d.close && !(d.open < at && at <= d.close));
  for (const ref of analysis?.refs ?? []) {
    if (ref.qualifier !== undefined || analysis!.ctes.has(ref.name) || inner(ref.span.start)) continue;
    const read = ref.name === node.name ? undefined : nodeRead(index, file, ref.name);
    const outputs = read && nodeOutputs(read);
    for (const name of outputs?.names ?? []) add({ label: name, kind: CompletionItemKind.Field, detail: `output of ${ref.name}`, sortText: `0${name}` });
    if (!outputs || outputs.passesColumns) for (const t of scope.byAlias.get(ref.name) ?? []) columnItems(index, t).forEach(add);
  }
  if (analysis?.derived.length && sql) {
    const derived = new DerivedColumns(index, scope, analysis, analysis.tokens, sql);
    for (const table of derived.tablesAt(derived.tokenAt(Math.min(at, sql.text.length)))) {
      for (const column of derived.columnsOf(table).values()) add(derivedItem(index, column));
    }
  }
  return [...items.values()];
}

/** The template parameters declared in the pipe (its own nodes and included ones). */
function parameterItems(index: WorkspaceIndex, file: FileFacts): CompletionItem[] {
  return pipeParameters(index, file).map((p) => ({
    label: p.name,
    kind: CompletionItemKind.Variable,
    detail: `${p.type} parameter${p.required ? ' (required)' : ''}`,
    documentation: p.description,
    sortText: `0${p.name}`,
  }));
}

/** Whether the text ends in a query's `SETTINGS a = 1, ` list where a setting name goes next. */
function afterSettings(text: string): boolean {
  const at = text.toLowerCase().lastIndexOf('settings');
  if (at < 0 || (at > 0 && isWordCode(text.charCodeAt(at - 1)))) return false;
  return /^settings\s+(?:[\w$]+\s*=\s*[^,()\n]+,\s*)*$/i.test(text.slice(at));
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Start of the run of `[\w$]` characters ending at `end` in `text`. */
function wordStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && isWordCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Same as `/\b(from|join)\s+$/i.test(text)`, scanning back from the end. */
function afterFromOrJoin(text: string): boolean {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (i === text.length || i < 4) return false;
  const word = text.slice(i - 4, i).toLowerCase();
  if (word !== 'from' && word !== 'join') return false;
  return i === 4 || !/\w/.test(text[i - 5]);
}

/** Same as `/`?[\w$]+`?\s+[\w(]*$/.test(line)` (a type is being typed after a column name), scanning back from the end. */
function afterColumnName(line: string): boolean {
  let i = line.length;
  while (i > 0 && /[\w(]/.test(line[i - 1])) i--;
  const typeStart = i;
  while (i > 0 && /\s/.test(line[i - 1])) i--;
  if (i === typeStart) return false;
  if (line[i - 1] === '`') i--;
  return i > 0 && isWordCode(line.charCodeAt(i - 1));
}

/** `{{` or `{%` when the cursor is inside an unclosed template tag. */
function openTemplateTag(prefix: string): '{{' | '{%' | undefined {
  const expr = prefix.lastIndexOf('{{');
  const stmt = prefix.lastIndexOf('{%');
  const open = Math.max(expr, stmt);
  if (open < 0) return undefined;
  const close = Math.max(prefix.lastIndexOf('}}'), prefix.lastIndexOf('%}'));
  if (close > open) return undefined;
  return open === expr ? '{{' : '{%';
}

function columnItems(index: WorkspaceIndex, datasource: string): CompletionItem[] {
  return [...(columnsOf(index, datasource)?.values() ?? [])].map((c) => ({
    label: c.name,
    kind: CompletionItemKind.Field,
    detail: `${columnType(c)} · ${datasource}`,
    sortText: `0${c.name}`,
  }));
}

/** The output columns of the CTE or subquery an alias names at the cursor, if it names one. */
function derivedItems(index: WorkspaceIndex, scope: TableScope, node: NodeFacts, alias: string, offset: number): CompletionItem[] | undefined {
  const { analysis, node: parsed } = node;
  if (!analysis?.derived.length || !parsed.sql) return undefined;
  const derived = new DerivedColumns(index, scope, analysis, analysis.tokens, parsed.sql);
  const table = derived.tableNamed(alias, derived.tokenAt(sqlOffset(parsed.sql, offset) ?? parsed.sql.text.length));
  return table && [...derived.columnsOf(table).values()].map((c) => derivedItem(index, c));
}

function derivedItem(index: WorkspaceIndex, column: OutputColumn): CompletionItem {
  const { source } = column;
  const schema = source && columnsOf(index, source.datasource)?.get(source.name);
  return {
    label: column.name,
    kind: CompletionItemKind.Field,
    detail: schema ? `${columnType(schema)} · ${source.datasource}` : column.expression.replace(/\s+/g, ' '),
    sortText: `0${column.name}`,
  };
}

let templateCache: CompletionItem[] | undefined;
function templateItems(): CompletionItem[] {
  return (templateCache ??= TEMPLATE_FUNCTIONS.map((fn) => ({
    label: fn.name,
    kind: CompletionItemKind.Function,
    detail: fn.signature,
    documentation: md(fn.description),
    insertText: fn.snippet,
    insertTextFormat: InsertTextFormat.Snippet,
  })));
}

let blockCache: CompletionItem[] | undefined;
function blockKeywordItems(): CompletionItem[] {
  return (blockCache ??= TEMPLATE_BLOCK_KEYWORDS.map((k) => ({
    label: k.name,
    kind: CompletionItemKind.Keyword,
    detail: k.syntax,
    documentation: md(k.description),
    insertText: k.innerSnippet,
    insertTextFormat: InsertTextFormat.Snippet,
  })));
}

/**
 * The ClickHouse functions, the most called in the project's SQL first (`labelDetails` says how
 * often), then the others by name. Counts come from the index, summed once per edit (a query of the index).
 */
function functionItems(index: WorkspaceIndex): CompletionItem[] {
  const catalog = clickhouseFunctions();
  const uses = new Map<string, number>();
  for (const [written, n] of index.functionCalls()) {
    const fn = catalog.get(written);
    if (fn) uses.set(fn.name, (uses.get(fn.name) ?? 0) + n);
  }
  const ranked = [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rank = new Map(ranked.map(([name], i) => [name, i]));
  const items = [...catalog.values()].map((fn): CompletionItem => {
    const at = rank.get(fn.name);
    return {
      label: fn.name,
      kind: CompletionItemKind.Function,
      labelDetails: at === undefined ? undefined : { description: `${uses.get(fn.name)} in project` },
      insertText: `${fn.name}($0)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: at === undefined ? `2${fn.name}` : `1${String(at).padStart(5, '0')}`,
      data: { catalog: 'function', name: fn.name } satisfies ResolveData,
    };
  });
  return items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
}

let typeCache: CompletionItem[] | undefined;
function typeItems(): CompletionItem[] {
  return (typeCache ??= [...clickhouseTypes().values()].map((t) => ({
    label: t.name,
    kind: CompletionItemKind.TypeParameter,
    data: { catalog: 'type', name: t.name } satisfies ResolveData,
  })));
}
