// Where names occur across a workspace: the files a target may occur in (a resource in the files that
// read or write it and the `.incl` files they include, a node in its file and the files including it,
// a column in its datasource and the files reading it or reading pipes that read it), the occurrences
// found there, and who reads a resource or a node.
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { ReaderEntry, WorkspaceIndex } from '../workspace/index';
import { occurrences, targetKey, type Occurrence, type Target } from './symbols';

export interface FileOccurrences {
  file: FileFacts;
  occurrences: Occurrence[];
}

/** Reads of a resource name by this workspace (`db.table` names another workspace's resource). */
export function localReaders(index: WorkspaceIndex, name: string): ReaderEntry[] {
  return index.readersOf(name).filter((r) => r.read.ref.qualifier === undefined);
}

/** The readers of a node: nodes of its pipe that read it, plus readers of the pipe when it is published. */
export function nodeReaders(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, published: boolean): { file: FileFacts; node: string }[] {
  const out = file.nodeReads.filter((r) => r.ref.name === node.name && r.node !== node.name).map((r) => ({ file, node: r.node }));
  if (published) for (const r of localReaders(index, file.name)) out.push({ file: r.file, node: r.read.node });
  return out;
}

/** Occurrences of a target, by file, across the workspace. */
export function occurrencesOf(index: WorkspaceIndex, target: Target): FileOccurrences[] {
  const key = targetKey(target);
  const out: FileOccurrences[] = [];
  for (const file of candidateFiles(index, target)) {
    const found = occurrences(index, file).filter((o) => targetKey(o.target) === key);
    if (found.length) out.push({ file, occurrences: found });
  }
  return out;
}

/** The files where a target may occur. */
export function candidateFiles(index: WorkspaceIndex, target: Target): Set<FileFacts> {
  const files = new Set<FileFacts>();
  const add = (f: FileFacts | undefined) => f && files.add(f);
  const addIncluded = (via: FileFacts | undefined) => via && add(index.get(via.path));
  switch (target.kind) {
    case 'resource':
      for (const def of index.definitions(target.name)) add(def);
      for (const r of index.readersOf(target.name)) add(r.file), addIncluded(r.via);
      for (const w of index.writersOf(target.name)) add(w.file), addIncluded(w.via);
      break;
    case 'node':
      add(index.get(target.path));
      for (const f of index.includersOf(target.path)) add(f);
      break;
    case 'column': {
      add(index.datasource(target.datasource));
      // Pipes pass a datasource's columns on to the pipes reading them (see sqlTables).
      const names = [target.datasource];
      for (let k = 0; k < names.length; k++) {
        for (const r of localReaders(index, names[k])) {
          add(r.file), addIncluded(r.via);
          if (r.file.role === 'pipe' && !names.includes(r.file.name)) names.push(r.file.name);
        }
      }
      break;
    }
    case 'derived':
    case 'parameter':
      add(index.get(target.path));
      break;
    case 'include':
      for (const f of index.includersOf(target.path)) add(f);
      break;
  }
  return files;
}
