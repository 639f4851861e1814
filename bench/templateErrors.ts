// The template-error rule's work on the corpus: every templated node rendered in test mode and with every
// parameter set (templateFailures, uncached), per run; the slowest node is named.
import { templateFailures } from '../server/template/check';
import { nodeTemplate } from '../server/template/resolve';
import type { WorkspaceIndex } from '../server/workspace/index';
import { median, round } from './stats';

export function measureTemplateErrors(index: WorkspaceIndex, runs = 9): Record<string, number | string> {
  const nodes: { text: string; name: string; where: string }[] = [];
  for (const file of index.all()) {
    for (const node of file.nodes) {
      const t = nodeTemplate(node);
      if (t?.templated) nodes.push({ text: t.text, name: node.name, where: `${file.name}.${node.name}` });
    }
  }
  const times: number[] = [];
  const perNode = new Map<string, number[]>();
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const n of nodes) {
      const n0 = performance.now();
      templateFailures(n.text, n.name);
      perNode.set(n.where, [...(perNode.get(n.where) ?? []), performance.now() - n0]);
    }
    times.push(performance.now() - t0);
  }
  const [slowest, slowestTimes] = [...perNode].reduce((a, b) => (median(b[1]) > median(a[1]) ? b : a));
  return { templatedNodes: nodes.length, allNodesMedianMs: round(median(times)), allNodesMinMs: round(Math.min(...times)), slowestNode: `${slowest} (${round(median(slowestTimes))} ms)` };
}
