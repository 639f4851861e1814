// Resource-level lineage: data flows from what a pipe reads into the pipe, and from a pipe into the
// datasources its MATERIALIZED/COPY nodes write.
import type { ProjectGraph } from '../protocol';
import type { FileFacts } from './facts';
import type { WorkspaceIndex } from './index';

/** Resources that feed `name` directly. */
export function upstreamOf(index: WorkspaceIndex, name: string): string[] {
  const out = new Set<string>();
  for (const def of index.definitions(name)) {
    if (def.role === 'datasource') for (const w of index.writersOf(name)) out.add(w.file.name);
    if (def.role === 'pipe') for (const r of readNames(index, def)) out.add(r);
  }
  out.delete(name);
  return [...out].sort();
}

/** Resources fed by `name` directly. */
export function downstreamOf(index: WorkspaceIndex, name: string): string[] {
  const out = new Set<string>();
  for (const r of index.readersOf(name)) out.add(r.file.name);
  const pipe = index.pipe(name);
  if (pipe) for (const { node } of index.nodesOf(pipe)) if (node.target) out.add(node.target.name);
  out.delete(name);
  return [...out].sort();
}

/** Names of existing resources the pipe's nodes read, included nodes too. */
export function readNames(index: WorkspaceIndex, file: FileFacts): Set<string> {
  const names = new Set<string>();
  for (const f of [file, ...index.includedParts(file).map((p) => p.facts)]) {
    for (const read of f.externalReads) if (index.resolve(read.ref.name)) names.add(read.ref.name);
  }
  return names;
}

export interface ChainLevel {
  depth: number;
  names: string[];
}

/** Breadth-first walk, level by level, up to `maxDepth`; reports how many names lie beyond it. */
export function walk(
  index: WorkspaceIndex,
  start: string,
  direction: 'up' | 'down',
  maxDepth: number,
): { levels: ChainLevel[]; cut: number } {
  const step = direction === 'up' ? upstreamOf : downstreamOf;
  const seen = new Set([start]);
  const levels: ChainLevel[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length; depth++) {
    const next: string[] = [];
    for (const name of frontier) for (const n of step(index, name)) if (!seen.has(n)) seen.add(n), next.push(n);
    if (!next.length) break;
    if (depth > maxDepth) {
      let cut = 0;
      const rest = [...next];
      while (rest.length) {
        const n = rest.pop()!;
        cut++;
        for (const m of step(index, n)) if (!seen.has(m)) seen.add(m), rest.push(m);
      }
      return { levels, cut };
    }
    levels.push({ depth, names: next.sort() });
    frontier = next;
  }
  return { levels, cut: 0 };
}

/** What must exist before a resource can be pushed: what it reads and the datasources it writes. */
export function dependenciesOf(index: WorkspaceIndex, file: FileFacts): string[] {
  if (file.role !== 'pipe') return [];
  const deps = readNames(index, file);
  for (const { node } of index.nodesOf(file)) if (node.target && index.resolve(node.target.name)) deps.add(node.target.name);
  deps.delete(file.name);
  return [...deps].sort();
}

export function projectGraph(root: string, index: WorkspaceIndex, toUri: (path: string) => string): ProjectGraph {
  const resources = [];
  for (const file of index.all()) {
    if (file.role === 'include') continue;
    const includes = [...index.includedPaths(file)].sort().map(toUri);
    resources.push({ name: file.name, kind: file.role, uri: toUri(file.path), dependsOn: dependenciesOf(index, file), includes });
  }
  resources.sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
  return { root, resources };
}
