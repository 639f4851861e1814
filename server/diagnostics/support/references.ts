// FROM/JOIN names of a pipe that resolve to nothing in the workspace, split into likely typos of a
// known name and names unknown altogether. Memoised per file version and index version.
import type { Span } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';
import type { WorkspaceIndex } from '../../workspace/index';
import type { QuickFix, RuleContext } from '../rule';
import { closest, editDistance } from './similar';

export interface UnresolvedRead {
  name: string;
  span: Span;
  /** Datasource, pipe, node and CTE names that the reference could have meant. */
  candidates: string[];
  /** A known name at most TYPO_DISTANCE edits away, if any. */
  typoOf?: string;
}

/** At most this many edits away from a known name, an unknown name is taken for a typo. */
export const TYPO_DISTANCE = 2;

const memo = new WeakMap<FileFacts, { version: number; reads: UnresolvedRead[] }>();

export function unresolvedReads({ index, file }: RuleContext): UnresolvedRead[] {
  if (file.role !== 'pipe') return [];
  const cached = memo.get(file);
  if (cached?.version === index.version) return cached.reads;
  const reads = compute(index, file);
  memo.set(file, { version: index.version, reads });
  return reads;
}

function compute(index: WorkspaceIndex, file: FileFacts): UnresolvedRead[] {
  const out: UnresolvedRead[] = [];
  let local: Set<string> | undefined;
  for (const read of file.externalReads) {
    const name = read.ref.name;
    if (read.ref.qualifier !== undefined || name.includes('$') || index.resolve(name)) continue;
    local ??= new Set(index.nodesOf(file).map((n) => n.node.name));
    if (local.has(name) && name !== read.node) continue;
    const ctes = file.nodes.find((n) => n.name === read.node)?.analysis?.ctes ?? [];
    const candidates = [...index.names(), ...local, ...ctes].filter((c) => c !== read.node);
    const lower = name.toLowerCase();
    const typoOf = candidates.find((c) => Math.abs(c.length - name.length) <= TYPO_DISTANCE && editDistance(lower, c.toLowerCase()) <= TYPO_DISTANCE);
    out.push({ name, span: read.span, candidates, typoOf });
  }
  return out;
}

export function suggestionFix(read: UnresolvedRead): QuickFix[] {
  const best = read.typoOf ?? closest(read.name, read.candidates);
  return best ? [{ title: `Change to ${best}`, edits: [{ span: read.span, newText: best }], preferred: true }] : [];
}
