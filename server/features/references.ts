// Find references: every occurrence of the name under the cursor across the workspace. A resource is
// looked up in the files that read or write it (and the `.incl` files they include), a node in its
// file and the files including it, a column in its datasource and the files reading it (or reading pipes that read it), plus the SELECT
// items of the nodes writing it (see columnLineage).
import type { Location } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { columnWriters } from './columnLineage';
import { localReaders, type FeatureContext } from './context';
import { occurrences, symbolAt, targetKey, type Occurrence, type Target } from '../semantic/symbols';

export interface FileOccurrences {
  file: FileFacts;
  occurrences: Occurrence[];
}

export function references(ctx: FeatureContext, file: FileFacts, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') return [];
  const out: Location[] = [];
  if (includeDeclaration && symbol.target.kind === 'resource') {
    for (const def of ctx.index.definitions(symbol.target.name)) out.push({ uri: ctx.uriOf(def.path), range: toRange(def.parsed.lineStarts, { start: 0, end: 0 }) });
  }
  for (const found of occurrencesOf(ctx.index, symbol.target)) {
    for (const o of found.occurrences) {
      if (!includeDeclaration && o.declaration) continue;
      out.push({ uri: ctx.uriOf(found.file.path), range: toRange(found.file.parsed.lineStarts, o.span) });
    }
  }
  // A datasource column is also where its writers produce it (`… AS snapshotId` in each MV/copy node).
  if (symbol.target.kind === 'column') {
    const seen = new Set(out.map((l) => `${l.uri}#${l.range.start.line}:${l.range.start.character}`));
    for (const w of columnWriters(ctx.index, symbol.target.datasource, symbol.target.name).writers) {
      const loc = { uri: ctx.uriOf(w.file.path), range: toRange(w.file.parsed.lineStarts, w.nameSpan) };
      if (!seen.has(`${loc.uri}#${loc.range.start.line}:${loc.range.start.character}`)) out.push(loc);
    }
  }
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
