/**
 * A persistent stack: push and pop make a new stack that shares every cell below with the old one, so
 * a node's snapshot of the open brackets costs one cell, not a copy of the whole stack (n nested
 * brackets cost n cells, not n²/2).
 */
export class Stack<T> {
  private constructor(
    private readonly item: T | undefined,
    private readonly below: Stack<T> | undefined,
    readonly length: number,
  ) {}

  private static readonly EMPTY = new Stack<never>(undefined, undefined, 0);

  static empty<T>(): Stack<T> {
    return Stack.EMPTY;
  }

  push(item: T): Stack<T> {
    return new Stack(item, this, this.length + 1);
  }

  /** The stack without its top `count` items (empty when it has fewer). */
  pop(count = 1): Stack<T> {
    let s: Stack<T> = this;
    for (let i = 0; i < count && s.below; i++) s = s.below;
    return s;
  }

  /** The top item; undefined when the stack is empty. */
  peek(): T | undefined {
    return this.item;
  }

  /** The first item from the top that passes `test`. */
  find(test: (item: T) => boolean): T | undefined {
    for (let s: Stack<T> | undefined = this; s && s.length > 0; s = s.below) if (test(s.item as T)) return s.item;
    return undefined;
  }

  includes(item: T): boolean {
    return this.find((x) => x === item) !== undefined;
  }
}
