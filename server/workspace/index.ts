// The workspace index: every datafile's facts, by path and by resource name, plus reverse maps of
// who reads and who writes each name. Updating a file touches only that file's entries.
import * as path from 'node:path';
import type { IncludeDecl } from '../parser/ast';
import { computeFacts, type FileFacts, type NodeFacts, type ReadFact } from './facts';
import { functionCallsIn } from './functionCalls';
import { derivedOf, Queries, type QueryKind } from './queries';
import { DEFAULT_MAX_FILE_BYTES, IncludeBudget, type IncludeLimit } from './limits';
import { substituteTracked, type Substitution } from './substitute';

export interface ReaderEntry {
  file: FileFacts;
  read: ReadFact;
  /** Set when the reading node comes from an included `.incl` file. */
  via?: FileFacts;
}

export interface WriterEntry {
  file: FileFacts;
  node: NodeFacts;
  via?: FileFacts;
}

/** An INCLUDE of a file: the included text's facts after `VAR=value` substitution. */
export interface IncludedPart {
  decl: IncludeDecl;
  includePath: string;
  facts: FileFacts;
  /** Where each variable's value landed in the substituted text (offsets of `facts`). */
  substitutions: Substitution[];
  /**
   * Where the part's text stands, for ordering: the INCLUDE line's offset, preceded by the offsets
   * of the INCLUDE lines it is nested in (tb replaces each INCLUDE line with the file's text).
   */
  order: number[];
}

/** An included file's facts for one set of INCLUDE variables, shared by every INCLUDE like it. */
interface Expansion {
  facts: FileFacts;
  substitutions: Substitution[];
  chars: number;
}

export interface IndexOptions {
  /** Files larger than this (in UTF-16 units, i.e. bytes for ASCII) are not analysed. */
  maxFileBytes?: (filePath: string) => number;
}

/** Lexicographic order of position paths (see IncludedPart.order). */
function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();
  private readonly texts = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly readers = new Map<string, string[]>();
  private readonly writers = new Map<string, string[]>();
  /** include path → paths of the files that include it. */
  private readonly includers = new Map<string, string[]>();
  private readonly included = new Map<string, IncludedPart[]>();
  /** file → every include path it names, directly or nested, found or not. */
  private readonly includePaths = new Map<string, string[]>();
  /** include path → variables (as JSON) → its expansion. */
  private readonly expansions = new Map<string, Map<string, Expansion | undefined>>();
  /** file → its top-level INCLUDEs whose expansion hit a limit. */
  private readonly includeLimits = new Map<string, { decl: IncludeDecl; limit: IncludeLimit }[]>();
  private readonly oversized = new Map<string, { size: number; limit: number }>();
  private generation = 0;
  /** What is derived from this index, and what each derived fact read (every read below is recorded). */
  readonly queries = new Queries();

  constructor(private readonly options: IndexOptions = {}) {}

  /** Bumped on every change: tells a consumer outside the query model (the engine's tables) that it must re-sync. */
  get version(): number {
    return this.generation;
  }

  /** Adds or replaces a file. Returns the resource names whose readers/writers may have changed. */
  update(filePath: string, text: string): Set<string> {
    const touched = this.detach(filePath);
    this.changedFile(filePath);
    const limit = this.options.maxFileBytes?.(filePath) ?? DEFAULT_MAX_FILE_BYTES;
    if (text.length > limit) this.oversized.set(filePath, { size: Buffer.byteLength(text), limit });
    const facts = computeFacts(filePath, text.length > limit ? '' : text);
    if (!facts) return touched;
    this.files.set(filePath, facts);
    this.texts.set(filePath, text);
    if (facts.role !== 'include' && addTo(this.byName, facts.name, filePath)) this.queries.changed('names');
    touched.add(facts.name);
    if (facts.role !== 'include') this.queries.changed('definitions', facts.name);
    this.attachEdges(facts, touched);
    if (facts.role === 'include') this.refreshIncluders(filePath, touched);
    this.generation++;
    return touched;
  }

  remove(filePath: string): Set<string> {
    const wasInclude = this.files.get(filePath)?.role === 'include';
    const touched = this.detach(filePath);
    this.changedFile(filePath);
    if (wasInclude) this.refreshIncluders(filePath, touched);
    this.generation++;
    return touched;
  }

  private changedFile(filePath: string): void {
    this.queries.changed('file', filePath);
    this.queries.changed('all');
  }

  private refreshIncluders(includePath: string, touched: Set<string>): void {
    for (const includer of [...(this.includers.get(includePath) ?? [])]) {
      const text = this.texts.get(includer);
      if (text !== undefined) for (const n of this.update(includer, text)) touched.add(n);
    }
  }

  /**
   * A derived fact of one file (a query keyed by its path, for these facts only): reused until the
   * file or anything `compute` read of the index changes, dropped when the file changes or goes.
   */
  fileQuery<V>(kind: QueryKind, file: FileFacts, compute: () => V): V {
    return this.queries.memo(kind, file.path, file, () => {
      this.queries.read('file', file.path);
      return compute();
    });
  }

  get(filePath: string): FileFacts | undefined {
    this.queries.read('file', filePath);
    return this.files.get(filePath);
  }

  text(filePath: string): string | undefined {
    this.queries.read('file', filePath);
    return this.texts.get(filePath);
  }

  all(): IterableIterator<FileFacts> {
    this.queries.read('all');
    return this.files.values();
  }

  get size(): number {
    this.queries.read('all');
    return this.files.size;
  }

  /**
   * Every file defining a resource of that name (more than one is a conflict). A resource with
   * `VERSION N` is also Tinybird's `name__vN`.
   */
  definitions(name: string): FileFacts[] {
    this.queries.read('definitions', name);
    const direct = this.byName.get(name);
    if (direct) return direct.map((p) => this.files.get(p)!);
    const versioned = VERSIONED_NAME.exec(name);
    if (!versioned) return [];
    return this.definitions(versioned[1]).filter((f) => f.parsed.version?.value === versioned[2]);
  }

  resolve(name: string): FileFacts | undefined {
    const defs = this.definitions(name);
    return defs.find((f) => f.role === 'datasource') ?? defs[0];
  }

  datasource(name: string): FileFacts | undefined {
    return this.definitions(name).find((f) => f.role === 'datasource');
  }

  pipe(name: string): FileFacts | undefined {
    return this.definitions(name).find((f) => f.role === 'pipe');
  }

  /** All resource names (datasources and pipes). */
  names(): IterableIterator<string> {
    this.queries.read('names');
    return this.byName.keys();
  }

  /** All resource names, sorted: an order that does not depend on the history of edits. One sort per change of the name set. */
  sortedNames(): readonly string[] {
    return this.queries.memo('sortedNames', '', undefined, () => [...this.names()].sort());
  }

  /** Calls of each function name (as written) in the SQL of every datafile: one sum per edit, one count per file edit. */
  functionCalls(): ReadonlyMap<string, number> {
    return this.queries.memo('functionCalls', '', undefined, () => {
      const counts = new Map<string, number>();
      for (const file of this.all()) for (const [name, n] of callsOf(file)) counts.set(name, (counts.get(name) ?? 0) + n);
      return counts;
    });
  }

  /** Nodes of a file in tb's order: each INCLUDE's nodes stand where its INCLUDE line is. */
  nodesOf(file: FileFacts): { node: NodeFacts; via?: FileFacts }[] {
    this.queries.read('file', file.path);
    const entries: { order: number[]; node: NodeFacts; via?: FileFacts }[] = file.nodes
      .filter((n) => n.node.command || file.role === 'datasource')
      .map((node) => ({ order: [node.node.span.start], node }));
    for (const part of this.included.get(file.path) ?? []) {
      for (const node of part.facts.nodes) {
        if (node.node.command) entries.push({ order: [...part.order, node.node.span.start], node, via: part.facts });
      }
    }
    return entries.sort((a, b) => comparePositions(a.order, b.order)).map(({ node, via }) => (via ? { node, via } : { node }));
  }

  /** Every `.incl` path a file includes, directly or nested, whether the file exists or not. */
  includedPaths(file: FileFacts): readonly string[] {
    this.queries.read('file', file.path);
    return this.includePaths.get(file.path) ?? [];
  }

  /** The top-level INCLUDEs of a file whose expansion was cut short by a limit. */
  includeLimitsOf(file: FileFacts): readonly { decl: IncludeDecl; limit: IncludeLimit }[] {
    this.queries.read('file', file.path);
    return this.includeLimits.get(file.path) ?? [];
  }

  /** Set when the file is above the size limit, so was indexed as empty. */
  oversizeOf(file: FileFacts): { size: number; limit: number } | undefined {
    this.queries.read('file', file.path);
    return this.oversized.get(file.path);
  }

  /** The files that include `includePath`, directly or through other includes. */
  includersOf(includePath: string): FileFacts[] {
    this.queries.read('includers', includePath);
    return [...(this.includers.get(includePath) ?? [])].flatMap((p) => this.files.get(p) ?? []);
  }

  /** The files a file includes, in INCLUDE order (those found in the workspace). */
  includedParts(file: FileFacts): readonly IncludedPart[] {
    this.queries.read('file', file.path);
    return this.included.get(file.path) ?? [];
  }

  readersOf(name: string): ReaderEntry[] {
    this.queries.read('readers', name);
    const out: ReaderEntry[] = [];
    for (const p of this.readers.get(name) ?? []) {
      const file = this.files.get(p)!;
      for (const read of file.externalReads) if (read.ref.name === name) out.push({ file, read });
      for (const part of this.included.get(p) ?? []) {
        for (const read of part.facts.externalReads) if (read.ref.name === name) out.push({ file, read, via: part.facts });
      }
    }
    return out;
  }

  writersOf(name: string): WriterEntry[] {
    this.queries.read('writers', name);
    const out: WriterEntry[] = [];
    for (const p of this.writers.get(name) ?? []) {
      const file = this.files.get(p)!;
      for (const node of file.nodes) if (node.target?.name === name) out.push({ file, node });
      for (const part of this.included.get(p) ?? []) {
        for (const node of part.facts.nodes) if (node.target?.name === name) out.push({ file, node, via: part.facts });
      }
    }
    return out;
  }

  private attachEdges(facts: FileFacts, touched: Set<string>): void {
    if (facts.role === 'include') return;
    const parts: IncludedPart[] = [];
    const paths: string[] = [];
    const limits: { decl: IncludeDecl; limit: IncludeLimit }[] = [];
    const budget = new IncludeBudget();
    for (const decl of facts.parsed.includes) {
      const limit = this.expandInclude(facts.path, decl, [], new Set([facts.path]), budget, parts, paths);
      if (limit) limits.push({ decl, limit });
    }
    if (limits.length) this.includeLimits.set(facts.path, limits);
    if (paths.length) this.includePaths.set(facts.path, paths);
    if (parts.length) this.included.set(facts.path, parts);
    for (const f of [facts, ...parts.map((p) => p.facts)]) {
      for (const read of f.externalReads) {
        addTo(this.readers, read.ref.name, facts.path);
        this.queries.changed('readers', read.ref.name);
        touched.add(read.ref.name);
      }
      for (const node of f.nodes) {
        if (node.target) {
          addTo(this.writers, node.target.name, facts.path);
          this.queries.changed('writers', node.target.name);
          touched.add(node.target.name);
        }
      }
    }
  }

  /**
   * Collects the part `decl` includes, and the parts nested in it, within `budget`; returns the limit
   * that stopped it. tb substitutes INCLUDE lines textually, so a nested INCLUDE is resolved relative
   * to the top-level file, like every other.
   */
  private expandInclude(topFile: string, decl: IncludeDecl, outer: number[], seen: Set<string>, budget: IncludeBudget, parts: IncludedPart[], paths: string[]): IncludeLimit | undefined {
    const includePath = resolveIncludePath(topFile, decl.path);
    addTo(this.includers, includePath, topFile);
    this.queries.changed('includers', includePath);
    if (!paths.includes(includePath)) paths.push(includePath);
    if (seen.has(includePath)) return undefined;
    const expansion = this.expansion(includePath, decl.vars);
    if (!expansion) return undefined;
    const order = [...outer, decl.command.span.start];
    const limit = budget.spend(order.length, expansion.chars);
    if (limit) return limit;
    parts.push({ decl, includePath, facts: expansion.facts, substitutions: expansion.substitutions, order });
    const inner = new Set([...seen, includePath]);
    for (const nested of expansion.facts.parsed.includes) {
      const stopped = this.expandInclude(topFile, nested, order, inner, budget, parts, paths);
      if (stopped) return stopped;
    }
    return undefined;
  }

  /** The facts of an included file with these variables, computed once per text and variables. */
  private expansion(includePath: string, vars: Readonly<Record<string, string>>): Expansion | undefined {
    const text = this.texts.get(includePath);
    if (text === undefined || this.oversized.has(includePath)) return undefined;
    let byVars = this.expansions.get(includePath);
    if (!byVars) this.expansions.set(includePath, (byVars = new Map()));
    const key = JSON.stringify(vars);
    if (byVars.has(key)) return byVars.get(key);
    const { text: substituted, substitutions } = substituteTracked(text, vars);
    const facts = computeFacts(includePath, substituted);
    const expansion = facts && { facts, substitutions, chars: substituted.length };
    byVars.set(key, expansion);
    return expansion;
  }

  /** Removes a file's entries; returns the names it touched. */
  private detach(filePath: string): Set<string> {
    const touched = new Set<string>();
    const old = this.files.get(filePath);
    this.expansions.delete(filePath);
    this.oversized.delete(filePath);
    if (!old) return touched;
    this.files.delete(filePath);
    this.texts.delete(filePath);
    this.includeLimits.delete(filePath);
    touched.add(old.name);
    if (old.role !== 'include') {
      if (removeFrom(this.byName, old.name, filePath)) this.queries.changed('names');
      this.queries.changed('definitions', old.name);
    }
    const parts = this.included.get(filePath) ?? [];
    this.included.delete(filePath);
    for (const includePath of this.includePaths.get(filePath) ?? []) {
      removeFrom(this.includers, includePath, filePath);
      this.queries.changed('includers', includePath);
    }
    this.includePaths.delete(filePath);
    for (const f of [old, ...parts.map((p) => p.facts)]) {
      for (const read of f.externalReads) {
        removeFrom(this.readers, read.ref.name, filePath);
        this.queries.changed('readers', read.ref.name);
        touched.add(read.ref.name);
      }
      for (const node of f.nodes) {
        if (node.target) {
          removeFrom(this.writers, node.target.name, filePath);
          this.queries.changed('writers', node.target.name);
          touched.add(node.target.name);
        }
      }
    }
    return touched;
  }
}

/** `name__vN`: how Tinybird names version N of a resource. */
const VERSIONED_NAME = /^(.+)__v(\d+)$/;

/** An INCLUDE path as tb resolves it: relative to the folder of the file being parsed. */
export function resolveIncludePath(fromFile: string, written: string): string {
  return path.resolve(path.dirname(fromFile), written);
}

/** Each file's function calls, kept while its facts are (an edit replaces the facts of one file). */
const callsOf = derivedOf(functionCallsIn);

/**
 * Path lists are kept sorted, so every answer is in path order whatever the order of edits. Returns
 * whether `key` is new to the map.
 */
function addTo(map: Map<string, string[]>, key: string, value: string): boolean {
  let list = map.get(key);
  const added = !list;
  if (!list) map.set(key, (list = []));
  const at = sortedIndex(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
  return added;
}

/** Returns whether `key` left the map. */
function removeFrom(map: Map<string, string[]>, key: string, value: string): boolean {
  const list = map.get(key);
  if (!list) return false;
  const at = sortedIndex(list, value);
  if (list[at] === value) list.splice(at, 1);
  if (list.length) return false;
  map.delete(key);
  return true;
}

/** Where `value` is or would go in the sorted `list`. */
function sortedIndex(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
