// How often each name is called as a function (`name(`) in the SQL of a file's nodes, as written.
// Completion ranks the ClickHouse functions by these counts over the project (WorkspaceIndex.functionCalls).
import { isPunct } from '../parser/sqlScan';
import type { FileFacts } from './facts';

export function functionCallsIn(file: FileFacts): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of file.nodes) {
    const tokens = node.analysis?.tokens;
    if (!tokens) continue;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'word' && isPunct(tokens[i + 1], '(') && tokens[i + 1].start === t.end) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    }
  }
  return counts;
}
