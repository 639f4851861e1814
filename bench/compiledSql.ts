// Compiled SQL refresh: what one keystroke costs in the largest pipe of the corpus: re-index the edited
// file, then answer tinybird/compiledSql (resolved query) for the node being edited.
import { compiledSql } from '../server/features/compiledSql';
import type { WorkspaceIndex } from '../server/workspace/index';
import { percentile } from './stats';

export function measureCompiledSql(index: WorkspaceIndex, runs = 200): Record<string, number | string> {
  const pipes = [...index.all()].filter((f) => f.role === 'pipe');
  const largest = pipes.reduce((a, b) => (b.parsed.text.length > a.parsed.text.length ? b : a));
  const text = largest.parsed.text;
  const node = largest.nodes[largest.nodes.length - 1].name;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    // the keystroke: a trailing space on the last line, alternately added and removed
    index.update(largest.path, r % 2 ? text : `${text} `);
    const result = compiledSql(index, index.get(largest.path)!, { node, resolved: true });
    times.push(performance.now() - t0);
    if (!result.ok && r === 0) throw new Error(`${largest.name}.${node}: ${result.message}`);
  }
  index.update(largest.path, text);
  const sorted = times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { largestPipe: `${largest.name} (${text.length} chars, ${largest.nodes.length} nodes)`, keystrokeToCompiledP50Ms: round(percentile(sorted, 50)), keystrokeToCompiledP95Ms: round(percentile(sorted, 95)) };
}
