// Typed access to the generated ClickHouse catalog (server/catalog/clickhouse.json).
// The JSON is produced by scripts/generate-clickhouse-catalog.mjs from the `system` tables of a
// real ClickHouse (chDB); esbuild bundles it into dist/server.js. Everything here is derived
// lazily on first use and cached, so importing this module costs nothing until it is needed.

import rawCatalog from './clickhouse.json';

// ---------------------------------------------------------------------------------------------
// Raw JSON shape (as written by the generator)

interface RawFunction {
  name: string;
  aggregate?: boolean;
  caseInsensitive?: boolean;
  aliasTo?: string;
  syntax?: string;
  arguments?: string;
  parameters?: string;
  returns?: string;
  description?: string;
  category?: string;
}

interface RawType {
  name: string;
  caseInsensitive?: boolean;
  aliasTo?: string;
  syntax?: string;
  description?: string;
}

interface RawEngine {
  name: string;
  supports: Partial<Record<keyof ChEngineSupports, boolean>>;
  syntax?: string;
  description?: string;
}

interface RawCombinator {
  name: string;
  internal?: boolean;
  syntax?: string;
  description?: string;
}

interface RawCatalog {
  clickhouseVersion: string;
  chdbVersion: string;
  functions: RawFunction[];
  types: RawType[];
  engines: RawEngine[];
  combinators: RawCombinator[];
  keywords: string[];
  mergeTreeSettings: ChSetting[];
  settings: ChSetting[];
}

/** A setting (`system.merge_tree_settings` / `system.settings`), obsolete ones excluded. */
export interface ChSetting {
  readonly name: string;
  readonly type: string;
  readonly default: string;
  readonly description?: string;
  readonly experimental?: boolean;
}

const RAW = rawCatalog as unknown as RawCatalog;

// ---------------------------------------------------------------------------------------------
// Public types

/** One parameter of a function signature, ready for LSP `ParameterInformation`. */
export interface ChParameter {
  /** Text of the parameter as written in the signature, brackets removed (e.g. `timezone`, `x AS T`, `...`). */
  readonly label: string;
  /** `[start, end)` of `label` inside the owning signature's label (LSP `ParameterInformation.label` offsets form). */
  readonly offsets: readonly [number, number];
  /** Written inside `[...]` in the syntax. */
  readonly optional: boolean;
  /** `...` (or a name ending in `...`): may repeat. */
  readonly variadic: boolean;
  /**
   * `parameter` for the first parenthesised group of a parametric aggregate
   * (`quantile(level)(expr)` → `level`), `argument` otherwise.
   */
  readonly kind: 'parameter' | 'argument';
  /** Short Markdown documentation from `system.functions.arguments` / `.parameters`. */
  readonly documentation?: string;
  /** Accepted types when the docs list them (e.g. `['DateTime', 'DateTime64']`). */
  readonly types?: readonly string[];
}

/** One call form of a function (some functions have several, e.g. `makeDate`). */
export interface ChSignature {
  /** Full signature label, e.g. `formatDateTime(datetime, format[, timezone])`. */
  readonly label: string;
  /** All parameters in order (parametric-aggregate `parameter`s first, then `argument`s). */
  readonly parameters: readonly ChParameter[];
  /** Whether the signature has two parenthesised groups: `name(params)(args)`. */
  readonly parametric: boolean;
}

export interface ChFunction {
  /** Name as registered in ClickHouse (exact case). */
  readonly name: string;
  /** For aliases, the function it resolves to (e.g. `lcase` → `lower`). */
  readonly aliasTo?: string;
  /** Other names resolving to this function. */
  readonly aliases: readonly string[];
  readonly aggregate: boolean;
  /** The name can be written in any case (`COUNT`, `count`). */
  readonly caseInsensitive: boolean;
  /** Primary signature label (first of `signatures`). */
  readonly signature: string;
  readonly signatures: readonly ChSignature[];
  /** Parameters of the primary signature. */
  readonly parameters: readonly ChParameter[];
  /** First paragraph of the ClickHouse docs (Markdown, links stripped). */
  readonly description: string;
  /** Returned value (Markdown). */
  readonly returns: string;
  /** ClickHouse docs category, e.g. `Dates and Times`, `Aggregate Functions`. */
  readonly category: string;
  /** The raw `syntax` text (may hold several lines / forms). */
  readonly syntax: string;
  /** False when ClickHouse has no documentation for the function (signature is a guess). */
  readonly documented: boolean;
}

export interface ChType {
  readonly name: string;
  readonly aliasTo?: string;
  readonly caseInsensitive: boolean;
  /** How the type is spelled, e.g. `DateTime64(precision, [timezone])`. */
  readonly syntax: string;
  readonly description: string;
  /** True when the type takes arguments in parentheses (`Decimal(P, S)`, `Nullable(T)`). */
  readonly parametric: boolean;
}

export interface ChEngineSupports {
  readonly settings: boolean;
  readonly skippingIndices: boolean;
  readonly projections: boolean;
  readonly sortOrder: boolean;
  readonly ttl: boolean;
  readonly replication: boolean;
  readonly deduplication: boolean;
}

export interface ChEngine {
  readonly name: string;
  /** e.g. `ENGINE = ReplacingMergeTree([ver [, is_deleted]]) ORDER BY expr`. */
  readonly syntax: string;
  readonly description: string;
  readonly supports: ChEngineSupports;
}

export interface ChCombinator {
  /** Suffix, e.g. `If`, `State`, `Merge`. */
  readonly name: string;
  readonly internal: boolean;
  readonly syntax: string;
  readonly description: string;
}

// ---------------------------------------------------------------------------------------------
// Case-insensitive-aware map

/**
 * A read-only map keyed by exact name that also answers, for entries flagged case-insensitive,
 * any spelling of the name (`COUNT`, `Count`). Iteration yields each entry once, under its exact name.
 */
class CatalogMap<V extends { readonly name: string; readonly caseInsensitive: boolean }> implements ReadonlyMap<string, V> {
  private readonly exact = new Map<string, V>();
  private readonly folded = new Map<string, V>();

  constructor(values: Iterable<V>) {
    for (const v of values) {
      this.exact.set(v.name, v);
      if (v.caseInsensitive && !this.folded.has(v.name.toLowerCase())) this.folded.set(v.name.toLowerCase(), v);
    }
  }

  get(key: string): V | undefined {
    return this.exact.get(key) ?? this.folded.get(key.toLowerCase());
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  get size(): number {
    return this.exact.size;
  }
  forEach(cb: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.exact) cb.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[string, V]> {
    return this.exact.entries();
  }
  keys(): MapIterator<string> {
    return this.exact.keys();
  }
  values(): MapIterator<V> {
    return this.exact.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.exact[Symbol.iterator]();
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing of `syntax` / `arguments`

interface ArgDoc {
  readonly name: string;
  readonly documentation: string;
  readonly types?: readonly string[];
}

const TRAILING_TYPES = /((?:`[^`]+`)(?:\s*(?:or|,)\s*`[^`]+`)*)\s*$/;

/** Parses the generator's normalised bullet list: one "- `name` — doc `T1` or `T2`" per line. */
export function parseArgumentList(text: string | undefined): ArgDoc[] {
  if (!text) return [];
  const out: ArgDoc[] = [];
  for (const line of text.split('\n')) {
    const m = /^-\s+`([^`]+)`\s*[—–-]\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    let doc = m[2].trim();
    let types: string[] | undefined;
    const t = TRAILING_TYPES.exec(doc);
    if (t && t.index > 0 && /[.:)]\s*$/.test(doc.slice(0, t.index))) {
      types = [...t[1].matchAll(/`([^`]+)`/g)].map((x) => x[1]);
      doc = doc.slice(0, t.index).trim();
    }
    out.push(types ? { name: m[1].trim(), documentation: doc, types } : { name: m[1].trim(), documentation: doc });
  }
  return out;
}

interface RawParam {
  label: string;
  start: number;
  end: number;
  optional: boolean;
  variadic: boolean;
}

/**
 * Splits the parameter text of one parenthesised group. `offset` is the position of `text`
 * inside the full label. Square brackets mark optional parts (`f(a[, b[, c]])`).
 */
function splitParams(text: string, offset: number): RawParam[] {
  const out: RawParam[] = [];
  let optDepth = 0;
  let parenDepth = 0;
  let quote: string | undefined;
  let cur: RawParam | undefined;
  const finish = () => {
    if (!cur) return;
    const label = text.slice(cur.start - offset, cur.end - offset);
    cur.label = label;
    cur.variadic = label.includes('...') || label.includes('…');
    out.push(cur);
    cur = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      if (cur) cur.end = offset + i + 1;
      continue;
    }
    if (parenDepth === 0) {
      if (ch === '[') {
        optDepth++;
        continue;
      }
      if (ch === ']') {
        optDepth = Math.max(0, optDepth - 1);
        continue;
      }
      if (ch === ',') {
        finish();
        continue;
      }
    }
    if (ch === '(') parenDepth++;
    else if (ch === ')') parenDepth = Math.max(0, parenDepth - 1);
    else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    if (/\s/.test(ch)) continue;
    if (!cur) cur = { label: '', start: offset + i, end: offset + i + 1, optional: optDepth > 0, variadic: false };
    else cur.end = offset + i + 1;
  }
  finish();
  return out;
}

/** Finds the index of the `)` matching the `(` at `open`, or -1. */
function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Extracts the call forms `name(...)` / `name(...)(...)` from a `syntax` text. */
function signatureLabels(name: string, syntax: string, aliasOf?: string): string[] {
  const labels: string[] = [];
  for (let line of syntax.split('\n')) {
    line = line.trim().replace(/^or\s+/i, '').replace(/\s*--.*$/, '').trim();
    const m = /^([A-Za-z_][\w.]*)\s*\(/.exec(line);
    if (!m) continue;
    const called = m[1];
    if (called.toLowerCase() !== name.toLowerCase() && (!aliasOf || called.toLowerCase() !== aliasOf.toLowerCase())) continue;
    const open = line.indexOf('(');
    let close = matchParen(line, open);
    if (close < 0) continue;
    // Parametric aggregate: name(params)(args)
    if (line[close + 1] === '(') {
      const close2 = matchParen(line, close + 1);
      if (close2 > 0) close = close2;
    }
    const label = name + line.slice(open, close + 1);
    if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}

function buildSignature(label: string, nameLength: number, argDocs: ArgDoc[], paramDocs: ArgDoc[]): ChSignature {
  const open1 = nameLength;
  const close1 = matchParen(label, open1);
  const parametric = close1 > 0 && label[close1 + 1] === '(';
  const groups: { kind: ChParameter['kind']; params: RawParam[] }[] = [];
  if (parametric) {
    const close2 = matchParen(label, close1 + 1);
    groups.push({ kind: 'parameter', params: splitParams(label.slice(open1 + 1, close1), open1 + 1) });
    groups.push({ kind: 'argument', params: splitParams(label.slice(close1 + 2, close2), close1 + 2) });
  } else {
    groups.push({ kind: 'argument', params: splitParams(label.slice(open1 + 1, close1), open1 + 1) });
  }
  const parameters: ChParameter[] = [];
  for (const g of groups) {
    const docs = g.kind === 'parameter' ? paramDocs : argDocs;
    const named = g.params.filter((p) => !/^\.\.\.$|^…$/.test(p.label));
    const positional = docs.length === named.length;
    g.params.forEach((p) => {
      const key = p.label.replace(/\.\.\.|…/g, '').split(/\s|=/)[0];
      let doc = docs.find((d) => d.name === p.label) ?? docs.find((d) => d.name === key);
      if (!doc && positional) {
        const idx = named.indexOf(p);
        if (idx >= 0) doc = docs[idx];
      }
      parameters.push({
        label: p.label,
        offsets: [p.start, p.end],
        optional: p.optional || /^optional\b/i.test(doc?.documentation ?? ''),
        variadic: p.variadic,
        kind: g.kind,
        ...(doc?.documentation ? { documentation: doc.documentation } : {}),
        ...(doc?.types ? { types: doc.types } : {}),
      });
    });
  }
  return { label, parameters, parametric };
}

// ---------------------------------------------------------------------------------------------
// Builders (lazy, cached)

let functionsCache: CatalogMap<ChFunction> | undefined;
let typesCache: CatalogMap<ChType> | undefined;
let enginesCache: CatalogMap<ChEngine & { caseInsensitive: boolean }> | undefined;
let combinatorsCache: readonly ChCombinator[] | undefined;

function buildFunction(raw: RawFunction, target: RawFunction | undefined, aliases: readonly string[]): ChFunction {
  const doc = target ?? raw; // aliases carry no docs of their own
  const syntax = raw.syntax ?? doc.syntax ?? '';
  const argDocs = parseArgumentList(raw.arguments ?? doc.arguments);
  const paramDocs = parseArgumentList(raw.parameters ?? doc.parameters);
  let labels = signatureLabels(raw.name, syntax, target?.name);
  if (labels.length === 0) {
    // No usable syntax: derive a call form from the documented arguments.
    const p = paramDocs.length ? `(${paramDocs.map((d) => d.name).join(', ')})` : '';
    labels = [`${raw.name}${p}(${argDocs.map((d) => d.name).join(', ')})`];
  }
  const signatures = labels.map((l) => buildSignature(l, raw.name.length, argDocs, paramDocs));
  return {
    name: raw.name,
    ...(raw.aliasTo ? { aliasTo: raw.aliasTo } : {}),
    aliases,
    aggregate: Boolean(raw.aggregate ?? doc.aggregate),
    caseInsensitive: Boolean(raw.caseInsensitive),
    signature: signatures[0].label,
    signatures,
    parameters: signatures[0].parameters,
    description: doc.description ?? '',
    returns: doc.returns ?? '',
    category: doc.category ?? '',
    syntax,
    documented: Boolean(doc.syntax || doc.description || doc.arguments),
  };
}

/**
 * All ClickHouse functions (regular and aggregate, aliases included; internal `_…` functions
 * excluded). `get()` is exact-case, and also matches any case for case-insensitive functions.
 */
export function clickhouseFunctions(): ReadonlyMap<string, ChFunction> {
  if (functionsCache) return functionsCache;
  const byName = new Map(RAW.functions.map((f) => [f.name, f]));
  const aliasesOf = new Map<string, string[]>();
  for (const f of RAW.functions) {
    if (!f.aliasTo) continue;
    const list = aliasesOf.get(f.aliasTo) ?? [];
    list.push(f.name);
    aliasesOf.set(f.aliasTo, list);
  }
  const built: ChFunction[] = [];
  for (const f of RAW.functions) {
    const target = f.aliasTo ? byName.get(f.aliasTo) : undefined;
    built.push(buildFunction(f, target, aliasesOf.get(f.name) ?? []));
  }
  functionsCache = new CatalogMap(built);
  return functionsCache;
}

/** Data type families (`system.data_type_families`), case-insensitive where ClickHouse allows it. */
export function clickhouseTypes(): ReadonlyMap<string, ChType> {
  if (typesCache) return typesCache;
  const byName = new Map(RAW.types.map((t) => [t.name, t]));
  typesCache = new CatalogMap(
    RAW.types.map((t): ChType => {
      const target = t.aliasTo ? byName.get(t.aliasTo) : undefined;
      const syntax = t.syntax ?? target?.syntax ?? t.name;
      return {
        name: t.name,
        ...(t.aliasTo ? { aliasTo: t.aliasTo } : {}),
        caseInsensitive: Boolean(t.caseInsensitive),
        syntax,
        description: t.description ?? target?.description ?? '',
        parametric: /\(/.test(syntax),
      };
    }),
  );
  return typesCache;
}

/** Table engines (`system.table_engines`). Lookup is case-insensitive (Tinybird matches engine names that way). */
export function clickhouseEngines(): ReadonlyMap<string, ChEngine> {
  if (enginesCache) return enginesCache;
  enginesCache = new CatalogMap(
    RAW.engines.map((e) => ({
      name: e.name,
      syntax: e.syntax ?? '',
      description: e.description ?? '',
      supports: {
        settings: Boolean(e.supports.settings),
        skippingIndices: Boolean(e.supports.skippingIndices),
        projections: Boolean(e.supports.projections),
        sortOrder: Boolean(e.supports.sortOrder),
        ttl: Boolean(e.supports.ttl),
        replication: Boolean(e.supports.replication),
        deduplication: Boolean(e.supports.deduplication),
      },
      caseInsensitive: true,
    })),
  );
  return enginesCache;
}

/** Aggregate function combinators (`If`, `State`, `Merge`, …), internal ones excluded. */
export function clickhouseCombinators(): readonly ChCombinator[] {
  combinatorsCache ??= RAW.combinators
    .filter((c) => !c.internal)
    .map((c) => ({ name: c.name, internal: false, syntax: c.syntax ?? '', description: c.description ?? '' }));
  return combinatorsCache;
}

/** MergeTree table settings (what ENGINE_SETTINGS sets), sorted by name. */
export function mergeTreeSettings(): readonly ChSetting[] {
  return RAW.mergeTreeSettings;
}

/** Query settings (what a query's SETTINGS sets), sorted by name. */
export function querySettings(): readonly ChSetting[] {
  return RAW.settings;
}

/** SQL keywords (`system.keywords`), upper case, sorted. */
export function clickhouseKeywords(): readonly string[] {
  return RAW.keywords;
}

/** Version of the ClickHouse the catalog was generated from, e.g. `26.7.2.1`. */
export function clickhouseVersion(): string {
  return RAW.clickhouseVersion;
}

/**
 * Resolves a function name the way ClickHouse does, including aggregate combinator suffixes
 * (`sumIf`, `uniqExactState`, `argMaxMerge`…): returns the function and the combinators peeled off,
 * or undefined. Plain names are looked up first.
 */
export function resolveClickhouseFunction(name: string): { fn: ChFunction; combinators: string[] } | undefined {
  const fns = clickhouseFunctions();
  const direct = fns.get(name);
  if (direct) return { fn: direct, combinators: [] };
  const suffixes = clickhouseCombinators()
    .map((c) => c.name)
    .sort((a, b) => b.length - a.length);
  const peel = (rest: string, acc: string[], depth: number): { fn: ChFunction; combinators: string[] } | undefined => {
    if (depth > 3) return undefined;
    for (const s of suffixes) {
      if (rest.length > s.length && rest.endsWith(s)) {
        const base = rest.slice(0, -s.length);
        const fn = fns.get(base);
        if (fn && fn.aggregate) return { fn, combinators: [s, ...acc] };
        const deeper = peel(base, [s, ...acc], depth + 1);
        if (deeper) return deeper;
      }
    }
    return undefined;
  };
  return peel(name, [], 0);
}
