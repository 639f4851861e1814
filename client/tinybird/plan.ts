// Push order from the lineage graph: every resource after what it dependsOn (datasources before the pipes
// that read or write them, upstream before downstream); ties go datasources first, then by name.
import type { ProjectGraph, ProjectResource } from '../../server/protocol';
import { UserError } from './errors';

function byKindThenName(a: ProjectResource, b: ProjectResource): number {
  if (a.kind !== b.kind) return a.kind === 'datasource' ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A topological order of the whole graph. Dependencies outside the graph are taken to exist already. */
export function topologicalOrder(graph: ProjectGraph): ProjectResource[] {
  const byName = new Map(graph.resources.map((r) => [r.name, r]));
  const pending = new Map(graph.resources.map((r) => [r.name, new Set(r.dependsOn.filter((d) => d !== r.name && byName.has(d)))]));
  const dependents = new Map<string, string[]>();
  for (const [name, deps] of pending) for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), name]);

  const order: ProjectResource[] = [];
  let ready = graph.resources.filter((r) => pending.get(r.name)?.size === 0);
  while (ready.length) {
    ready.sort(byKindThenName);
    const next = ready.shift() as ProjectResource;
    order.push(next);
    for (const child of dependents.get(next.name) ?? []) {
      const deps = pending.get(child) as Set<string>;
      deps.delete(next.name);
      if (deps.size === 0) ready.push(byName.get(child) as ProjectResource);
    }
  }
  if (order.length < graph.resources.length) {
    const stuck = graph.resources.filter((r) => !order.includes(r)).map((r) => r.name);
    throw new UserError(`The resources ${stuck.join(', ')} depend on each other in a cycle; cannot choose a push order.`);
  }
  return order;
}

/** The selected resources in push order. */
export function pushOrder(graph: ProjectGraph, selected: ReadonlySet<string>): ProjectResource[] {
  return topologicalOrder(graph).filter((r) => selected.has(r.name));
}

/** `name` and everything it needs, transitively. */
export function upstreamClosure(graph: ProjectGraph, name: string): Set<string> {
  const byName = new Map(graph.resources.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const visit = (n: string) => {
    const r = byName.get(n);
    if (!r || seen.has(n)) return;
    seen.add(n);
    r.dependsOn.forEach(visit);
  };
  visit(name);
  return seen;
}
