// Answers of costly pure functions of a text (whether sqlfmt can format a node's SQL), kept across
// file versions: a keystroke changes one node of a pipe, and the other nodes' answers are reused.
// Bounded by the length of the texts kept; the least recently used go first.

/** Characters of node SQL whose rule answers a rule memo keeps (the server keeps them across edits). */
export const RULE_MEMO_CHARS = 500_000;

export class TextMemo {
  private readonly byKind = new Map<string, Map<string, unknown>>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get<T>(kind: string, text: string, compute: () => T): T {
    let entries = this.byKind.get(kind);
    if (!entries) this.byKind.set(kind, (entries = new Map()));
    if (entries.has(text)) {
      const value = entries.get(text) as T;
      entries.delete(text); // re-inserted last: most recently used
      entries.set(text, value);
      return value;
    }
    const value = compute();
    if (text.length > this.maxChars) return value;
    entries.set(text, value);
    this.chars += text.length;
    this.evict();
    return value;
  }

  private evict(): void {
    for (const entries of this.byKind.values()) {
      for (const text of entries.keys()) {
        if (this.chars <= this.maxChars) return;
        entries.delete(text);
        this.chars -= text.length;
      }
    }
  }
}
