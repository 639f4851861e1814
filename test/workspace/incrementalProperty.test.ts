// Property: after any sequence of edits, creations, deletions and renames over a corpus-derived
// workspace, what the server keeps incrementally (index updates, the files it re-checks, its caches)
// equals what a fresh index of the same files gives: every file's diagnostics, hover of read names,
// code lenses and the project graph. Size: INCREMENTAL_RUNS × INCREMENTAL_STEPS (default 10 × 10;
// `npm run test:incremental` runs a larger one).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { resolveConfig, type DiagnosticsConfig } from '../../server/diagnostics/config';
import { diagnoseFiles, FILE_FINDINGS } from '../../server/diagnostics/index';
import { TextMemo } from '../../server/diagnostics/support/textMemo';
import { codeLenses } from '../../server/features/codeLens';
import type { FeatureContext } from '../../server/features/context';
import { hover } from '../../server/features/hover';
import { WorkspaceIndex } from '../../server/workspace/index';
import { projectGraph } from '../../server/workspace/lineage';
import { corpusFiles } from '../support/corpus';

const RUNS = Number(process.env.INCREMENTAL_RUNS ?? 10);
const STEPS = Number(process.env.INCREMENTAL_STEPS ?? 10);
const ROOT = '/w';

const CORPUS = corpusFiles().map((f) => ({ path: path.join(ROOT, path.basename(path.dirname(f.path)), path.basename(f.path)), text: f.text }));
const BY_NAME = new Map(CORPUS.map((f) => [path.basename(f.path).replace(/\..*$/, ''), f]));
const PIPES = CORPUS.filter((f) => f.path.endsWith('.pipe'));
const DATASOURCES = CORPUS.filter((f) => f.path.endsWith('.datasource'));

/** The server's state for one project: the index, the rules' memo, and the diagnostics last published. */
class Incremental {
  readonly index = new WorkspaceIndex();
  readonly shown = new Map<string, string>();
  private readonly memo = new TextMemo(500_000);

  constructor(private readonly config: DiagnosticsConfig) {}

  /** What documentSync does on a change: update the index, then re-check the file and the stale ones. */
  set(file: string, text: string | undefined): void {
    if (text !== undefined && this.index.text(file) === text) return;
    if (text === undefined) this.index.remove(file);
    else this.index.update(file, text);
    this.publish([file, ...this.index.queries.takeStale(FILE_FINDINGS)]);
  }

  publish(paths: Iterable<string>): void {
    const present = [...paths].filter((p) => this.index.get(p));
    for (const p of paths) if (!this.index.get(p)) this.shown.delete(p);
    const found = diagnoseFiles(this.index, present.map((p) => this.index.get(p)!), () => this.config, this.memo);
    present.forEach((p, i) => this.shown.set(p, JSON.stringify(found[i])));
  }
}

function freshIndex(files: ReadonlyMap<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, text] of files) index.update(p, text);
  return index;
}

function freshDiagnostics(index: WorkspaceIndex, config: DiagnosticsConfig): Map<string, string> {
  const files = [...index.all()];
  const found = diagnoseFiles(index, files, () => config);
  return new Map(files.map((f, i) => [f.path, JSON.stringify(found[i])]));
}

const sorted = (m: ReadonlyMap<string, string>) => new Map([...m].sort(([a], [b]) => a.localeCompare(b)));

/** A random workspace: some pipes, the resources they read (one level), and a few other datasources. */
const workspaceArb = fc
  .record({
    pipes: fc.shuffledSubarray(PIPES, { minLength: 6, maxLength: 18 }),
    extra: fc.shuffledSubarray(DATASOURCES, { minLength: 4, maxLength: 10 }),
  })
  .map(({ pipes, extra }) => {
    const files = new Map<string, string>();
    for (const f of [...pipes, ...extra]) files.set(f.path, f.text);
    for (const pipe of pipes) {
      for (const m of pipe.text.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][\w]*)/g)) {
        const def = BY_NAME.get(m[1]);
        if (def && files.size < 60) files.set(def.path, def.text);
      }
    }
    return files;
  });

const OPS = ['renameRead', 'typo', 'fixTypo', 'createMissing', 'schema', 'renameDatasource', 'addTarget', 'removeTarget', 'include', 'editInclude', 'delete', 'renameFile'] as const;
type Op = (typeof OPS)[number];
const stepArb = fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(), b: fc.nat(), c: fc.nat() });
type Step = { op: Op; a: number; b: number; c: number };

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);
const nameOf = (p: string) => path.basename(p).replace(/\..*$/, '');

/** The file changes a step makes on the current files (path → text; undefined deletes). */
function changesOf(ws: Incremental, files: ReadonlyMap<string, string>, { op, a, b, c }: Step): [string, string | undefined][] {
  const index = ws.index;
  const all = [...files.keys()].sort();
  const pipes = all.filter((p) => p.endsWith('.pipe'));
  const datasources = all.filter((p) => p.endsWith('.datasource'));
  const includes = all.filter((p) => p.endsWith('.incl'));
  const names = [...new Set([...pipes, ...datasources].map(nameOf))].sort();
  const replaceRead = (filter: (name: string) => boolean, to: (name: string) => string): [string, string][] => {
    const pipe = pick(pipes.filter((p) => index.get(p)?.externalReads.some((r) => filter(r.ref.name))), a);
    if (!pipe) return [];
    const text = files.get(pipe)!;
    const read = pick(index.get(pipe)!.externalReads.filter((r) => filter(r.ref.name) && text.slice(r.span.start, r.span.end) === r.ref.name), b);
    return read ? [[pipe, text.slice(0, read.span.start) + to(read.ref.name) + text.slice(read.span.end)]] : [];
  };
  switch (op) {
    case 'renameRead':
      return replaceRead(() => true, () => pick(names, c) ?? 'nothing');
    case 'typo':
      return replaceRead(() => true, (n) => `${n}z`);
    case 'fixTypo':
      return replaceRead((n) => n.endsWith('z'), (n) => n.slice(0, -1));
    case 'createMissing': {
      const missing = [...new Set(pipes.flatMap((p) => index.get(p)?.externalReads.map((r) => r.ref.name) ?? []))].filter((n) => /^\w+$/.test(n) && !index.resolve(n)).sort();
      const name = pick(missing, a);
      const schema = pick(DATASOURCES, b)!;
      return name ? [[path.join(ROOT, 'datasources', `${name}.datasource`), schema.text]] : [];
    }
    case 'schema': {
      const ds = pick(datasources, a);
      if (!ds) return [];
      const text = files.get(ds)!;
      const at = text.indexOf('SCHEMA >\n');
      if (at < 0) return [];
      const head = at + 'SCHEMA >\n'.length;
      if (b % 2) return [[ds, `${text.slice(0, head)}    \`added_${c % 3}\` String,\n${text.slice(head)}`]];
      const lineEnd = text.indexOf('\n', head);
      return lineEnd < 0 ? [] : [[ds, text.slice(0, head) + text.slice(lineEnd + 1)]];
    }
    case 'renameDatasource':
    case 'renameFile': {
      const from = pick(op === 'renameDatasource' ? datasources : all, a);
      if (!from) return [];
      const ext = path.extname(from);
      const read = [...new Set(pipes.flatMap((p) => index.get(p)?.externalReads.map((r) => r.ref.name) ?? []))].filter((n) => /^\w+$/.test(n)).sort();
      const to = b % 3 === 0 ? `${nameOf(from)}_renamed` : (pick(read, c) ?? `${nameOf(from)}_renamed`);
      const target = path.join(path.dirname(from), `${to}${ext}`);
      return target === from ? [] : [[from, undefined], [target, files.get(from)!]];
    }
    case 'addTarget': {
      const pipe = pick(pipes, a);
      if (!pipe) return [];
      const target = pick([...names, 'not_defined_target'], b)!;
      const source = pick(names, c) ?? 'nothing';
      const node = c % 2
        ? `\n\nNODE added_copy\nSQL >\n    SELECT * FROM ${source}\n\nTYPE COPY\nTARGET_DATASOURCE ${target}\nCOPY_SCHEDULE 0 * * * *\n`
        : `\n\nNODE added_mv\nSQL >\n    SELECT * FROM ${source}\n\nTYPE MATERIALIZED\nDATASOURCE ${target}\n`;
      return [[pipe, files.get(pipe)! + node]];
    }
    case 'removeTarget': {
      const pipe = pick(pipes.filter((p) => /^(TARGET_DATASOURCE|DATASOURCE) /m.test(files.get(p)!)), a);
      return pipe ? [[pipe, files.get(pipe)!.replace(/^(TARGET_DATASOURCE|DATASOURCE) .*\n?/m, '')]] : [];
    }
    case 'include': {
      const pipe = pick(pipes, a);
      if (!pipe) return [];
      const incl = path.join(ROOT, 'includes', `shared_${b % 3}.incl`);
      const table = pick(names, c) ?? 'nothing';
      const changes: [string, string | undefined][] = [[pipe, `INCLUDE "../includes/shared_${b % 3}.incl" "TABLE=${table}"\n\n${files.get(pipe)!}`]];
      if (!files.has(incl) && c % 2) changes.push([incl, `NODE included_${b % 3}\nSQL >\n    SELECT * FROM $TABLE\n`]);
      return changes;
    }
    case 'editInclude': {
      const incl = pick(includes, a) ?? path.join(ROOT, 'includes', `shared_${a % 3}.incl`);
      const table = b % 2 ? '$TABLE' : (pick(names, c) ?? 'nothing');
      const target = c % 3 === 0 ? `\nTYPE MATERIALIZED\nDATASOURCE ${pick(names, b) ?? 'nothing'}\n` : '';
      return [[incl, `NODE included_${a % 3}\nSQL >\n    SELECT * FROM ${table}\n${target}`]];
    }
    case 'delete': {
      const file = pick(all, a);
      return file ? [[file, undefined]] : [];
    }
  }
}

/** Positions of the names a file reads (hover targets). */
function readOffsets(index: WorkspaceIndex, file: string): number[] {
  return index.get(file)?.externalReads.slice(0, 3).map((r) => r.span.start) ?? [];
}

function featureContext(index: WorkspaceIndex, config: DiagnosticsConfig): FeatureContext {
  return { index, options: config.options, uriOf: (p) => `file://${p}`, now: () => new Date(0) };
}

/** Asserts that the incremental state answers like a fresh index of the same files. */
function assertSameAsFresh(ws: Incremental, files: ReadonlyMap<string, string>, config: DiagnosticsConfig, probes: string[]): void {
  const fresh = freshIndex(files);
  assert.deepEqual(sorted(ws.shown), sorted(freshDiagnostics(fresh, config)), 'diagnostics');
  assert.deepEqual(projectGraph(ROOT, ws.index, (p) => p), projectGraph(ROOT, fresh, (p) => p), 'project graph');
  const mine = featureContext(ws.index, config);
  const theirs = featureContext(fresh, config);
  for (const p of probes) {
    const file = ws.index.get(p);
    if (!file) continue;
    for (const offset of readOffsets(ws.index, p)) assert.deepEqual(hover(mine, file, offset), hover(theirs, fresh.get(p)!, offset), `hover ${p}@${offset}`);
    assert.deepEqual(codeLenses(mine, file), codeLenses(theirs, fresh.get(p)!), `code lenses of ${p}`);
  }
}

test(`property: incremental diagnostics, hover, lenses and lineage equal a fresh index's (${RUNS} runs × ${STEPS} steps)`, () => {
  fc.assert(
    fc.property(workspaceArb, fc.array(stepArb, { minLength: 1, maxLength: STEPS }), fc.boolean(), (initial, steps, multi) => {
      const files = new Map(initial);
      // The configured multi-snapshot list feeds diagnostics, hover and lenses alike.
      const config = resolveConfig(multi ? [{ multiSnapshotDatasources: [...files.keys()].filter((p) => p.endsWith('.datasource')).slice(0, 3).map(nameOf) }] : []);
      const ws = new Incremental(config);
      for (const [p, text] of files) ws.index.update(p, text);
      ws.publish(files.keys());
      for (const step of steps) {
        const changes = changesOf(ws, files, step);
        for (const [p, text] of changes) {
          if (text === undefined) files.delete(p);
          else files.set(p, text);
          ws.set(p, text);
        }
        const probes = [...changes.map(([p]) => p), pick([...files.keys()].sort(), step.a + step.b) ?? ''];
        assertSameAsFresh(ws, files, config, probes);
      }
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
});
