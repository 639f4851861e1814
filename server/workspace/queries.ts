// The dependency model of one project (README "Incremental updates"). A derived fact (a file's rule
// results, a datasource's snapshot role, a file's resolved names…) is a query: while it computes,
// every input it reads is recorded (a file's facts, a name's definitions, readers or writers, the set
// of names, the list of files). An edit marks the inputs it changed, and every memo that read one of
// them is dropped at once, nested queries' reads counting for the queries that asked them. Nothing
// else is cached across edits, except values derived from one immutable object (`derivedOf`) and
// the rules' pure text → answer memo (TextMemo).

/** What a query can read: the index marks each as changed when an edit changes it. */
export type InputFamily =
  /** A file's facts, text and INCLUDE expansion, by path. */
  | 'file'
  /** The files defining a resource name. */
  | 'definitions'
  | 'readers'
  | 'writers'
  /** The files including an `.incl` path. */
  | 'includers'
  /** The set of resource names. */
  | 'names'
  /** The set of files and all of their facts: changes with every edit. */
  | 'all';

class Input {
  readonly dependents = new Set<Memo>();
}

/** The inputs a computation read. */
export type Reads = ReadonlySet<Input>;

/** What a query computes (a name; a symbol for one module's private facts). */
export type QueryKind = string | symbol;

interface Memo {
  readonly kind: QueryKind;
  readonly key: string;
  /** Compared by identity: a memo is reused only for the same guard (e.g. the configuration). */
  readonly guard: unknown;
  readonly value: unknown;
  readonly reads: ReadonlySet<Input>;
  /** Whether its key is collected for `takeStale` when it is dropped. */
  readonly watched: boolean;
}

export class Queries {
  private readonly inputs = new Map<InputFamily, Map<string, Input>>();
  private readonly memos = new Map<QueryKind, Map<string, Memo>>();
  /** The reads of the queries computing, innermost last. */
  private readonly frames: Set<Input>[] = [];
  private readonly stale = new Map<QueryKind, Set<string>>();

  /** Records that the query computing (if any) read this input. */
  read(family: InputFamily, key = ''): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame) frame.add(this.input(family, key));
  }

  /** An edit changed this input: every memo that read it is dropped. */
  changed(family: InputFamily, key = ''): void {
    const input = this.inputs.get(family)?.get(key);
    if (input) for (const memo of [...input.dependents]) this.drop(memo);
  }

  /** The value of a query: its memo while nothing it read has changed, else `compute()`, recorded. */
  memo<V>(kind: QueryKind, key: string, guard: unknown, compute: () => V): V {
    const hit = this.cached<V>(kind, key, guard);
    if (hit) return hit.value;
    const { value, reads } = this.track(compute);
    this.store(kind, key, guard, value, reads);
    return value;
  }

  /** The memo of a query, if still valid; its reads count for the query computing. */
  cached<V>(kind: QueryKind, key: string, guard: unknown): { value: V } | undefined {
    const memo = this.memos.get(kind)?.get(key);
    if (!memo || memo.guard !== guard) return undefined;
    this.inherit(memo.reads);
    return { value: memo.value as V };
  }

  /** Runs `compute`, recording what it reads (which also counts for the query computing, if any). */
  track<V>(compute: () => V): { value: V; reads: Set<Input> } {
    const reads = new Set<Input>();
    const depth = this.frames.length;
    this.frames.push(reads);
    try {
      return { value: compute(), reads };
    } finally {
      // A run stopped by the rules' time limit skips `finally` blocks below: this restores the depth too.
      this.frames.length = depth;
      this.inherit(reads);
    }
  }

  /** Runs `work`, then drops the frames of queries it left unfinished (stopped by the rules' time limit). */
  settle<V>(work: () => V): V {
    const depth = this.frames.length;
    try {
      return work();
    } finally {
      this.frames.length = depth;
    }
  }

  /**
   * Keeps a value computed with `track`. A watched memo's key is collected by `takeStale` once an
   * input it read changes (the diagnostics publisher re-runs those files).
   */
  store(kind: QueryKind, key: string, guard: unknown, value: unknown, reads: ReadonlySet<Input>, watched = false): void {
    let byKey = this.memos.get(kind);
    if (!byKey) this.memos.set(kind, (byKey = new Map()));
    const old = byKey.get(key);
    if (old) this.unlink(old);
    const memo: Memo = { kind, key, guard, value, reads, watched };
    byKey.set(key, memo);
    for (const input of reads) input.dependents.add(memo);
  }

  /** Reads that make a memo stale on any change (for a result cut short, whose reads are not all known). */
  readsOfEverything(): Set<Input> {
    return new Set([this.input('all', '')]);
  }

  /** The keys of `kind`'s watched memos dropped since the last call. */
  takeStale(kind: QueryKind): string[] {
    const keys = this.stale.get(kind);
    this.stale.delete(kind);
    return keys ? [...keys] : [];
  }

  private input(family: InputFamily, key: string): Input {
    let byKey = this.inputs.get(family);
    if (!byKey) this.inputs.set(family, (byKey = new Map()));
    let input = byKey.get(key);
    if (!input) byKey.set(key, (input = new Input()));
    return input;
  }

  private inherit(reads: ReadonlySet<Input>): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame) for (const input of reads) frame.add(input);
  }

  private drop(memo: Memo): void {
    this.unlink(memo);
    this.memos.get(memo.kind)?.delete(memo.key);
    if (!memo.watched) return;
    let keys = this.stale.get(memo.kind);
    if (!keys) this.stale.set(memo.kind, (keys = new Set()));
    keys.add(memo.key);
  }

  private unlink(memo: Memo): void {
    for (const input of memo.reads) input.dependents.delete(memo);
  }
}

/**
 * `compute` memoised per object, for values derived from one immutable object alone (a file's facts,
 * a SQL block): a new version of the input is a new object, so identity is its revision.
 */
export function derivedOf<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    if (memo.has(key)) return memo.get(key)!;
    const value = compute(key);
    memo.set(key, value);
    return value;
  };
}
