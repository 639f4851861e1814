// The last runs of each pipe, kept for the session (newest first) so the results grid can show them again.

export const RUNS_KEPT = 10;

export class RunHistory<T> {
  private readonly runs = new Map<string, T[]>();

  constructor(private readonly cap = RUNS_KEPT) {}

  /** Adds a run of `pipe` and returns that pipe's runs, newest first, at most `cap`. */
  add(pipe: string, run: T): readonly T[] {
    const list = [run, ...(this.runs.get(pipe) ?? [])].slice(0, this.cap);
    this.runs.set(pipe, list);
    return list;
  }

  of(pipe: string): readonly T[] {
    return this.runs.get(pipe) ?? [];
  }
}
