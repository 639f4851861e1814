// FROM/JOIN names of a pipe that resolve to nothing in the workspace (nor to a table Tinybird
// provides), split into likely typos of a known name and names unknown altogether. A query per
// file: kept until a name it resolved, or the set of names when one was unknown, changes.
import { isServiceDatabase, serviceDatasourceColumns, serviceDatasourceNames, type ServiceDatabase } from '../../catalog/tinybird';
import type { Span } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';
import type { WorkspaceIndex } from '../../workspace/index';
import type { QuickFix, RuleContext } from '../rule';
import { boundedEditDistance, closest } from './similar';
import { visibleNodes } from '../../semantic/model';
import { implicitTable } from '../../semantic/tables';

export interface UnresolvedRead {
  name: string;
  span: Span;
  /** Datasource, pipe, node and CTE names that the reference could have meant (listed when asked: thousands in a large workspace). */
  readonly candidates: readonly string[];
  /** A known name at most TYPO_DISTANCE edits away, if any. */
  typoOf?: string;
  /** Set for `tinybird.x` / `organization.x`: the span covers `x` only, candidates are service data sources. */
  service?: ServiceDatabase;
}

/** At most this many edits away from a known name, an unknown name is taken for a typo. */
export const TYPO_DISTANCE = 2;

const isNear = (a: string, b: string) => boundedEditDistance(a, b, TYPO_DISTANCE) <= TYPO_DISTANCE;

/** The names at most TYPO_DISTANCE edits from `name` (case-insensitive), in order: searched once per name and name set. */
function namesNear(index: WorkspaceIndex, name: string): readonly string[] {
  return index.queries.memo('namesNear', name, undefined, () => {
    const names = index.sortedNames();
    // (computed from its own read of the names, so that it is recorded)
    const lowerNames = index.queries.memo('lowerNames', '', undefined, () => index.sortedNames().map((n) => n.toLowerCase()));
    const lower = name.toLowerCase();
    return names.filter((_c, i) => isNear(lower, lowerNames[i]));
  });
}

export function unresolvedReads({ index, file }: RuleContext): UnresolvedRead[] {
  if (file.role !== 'pipe') return [];
  return index.fileQuery('unresolvedReads', file, () => compute(index, file));
}

function compute(index: WorkspaceIndex, file: FileFacts): UnresolvedRead[] {
  const out: UnresolvedRead[] = [];
  let local: Set<string> | undefined;
  for (const read of file.externalReads) {
    const name = read.ref.name;
    if (read.ref.qualifier !== undefined) {
      const unknown = unknownServiceRead(read.ref.qualifier, name);
      if (unknown) out.push({ ...unknown, span: read.span });
      continue;
    }
    if (name.includes('$') || index.resolve(name) || implicitTable(index, name)) continue;
    local ??= new Set(visibleNodes(index, file).keys());
    if (local.has(name) && name !== read.node) continue;
    const ctes = file.nodes.find((n) => n.name === read.node)?.analysis?.ctes ?? [];
    const names = index.sortedNames();
    const own = [...local, ...ctes];
    const isCandidate = (c: string) => c !== read.node;
    const lower = name.toLowerCase();
    const typoOf = namesNear(index, name).find(isCandidate) ?? own.find((c) => isCandidate(c) && isNear(lower, c.toLowerCase()));
    out.push({
      name,
      span: read.span,
      get candidates() {
        return [...names, ...own].filter(isCandidate);
      },
      typoOf,
    });
  }
  return out;
}

/** `tinybird.x` / `organization.x` where Tinybird has no service data source `x`. */
function unknownServiceRead(qualifier: string, name: string): Omit<UnresolvedRead, 'span'> | undefined {
  if (!isServiceDatabase(qualifier) || serviceDatasourceColumns(qualifier, name) || name.includes('$')) return undefined;
  const candidates = serviceDatasourceNames(qualifier);
  const typoOf = candidates.find((c) => boundedEditDistance(name.toLowerCase(), c, TYPO_DISTANCE) <= TYPO_DISTANCE);
  return { name: `${qualifier}.${name}`, candidates, typoOf, service: qualifier };
}

export function suggestionFix(read: UnresolvedRead): QuickFix[] {
  const best = read.typoOf ?? closest(read.name, read.candidates);
  return best ? [{ title: `Change to ${best}`, edits: [{ span: read.span, newText: best }], preferred: true }] : [];
}
