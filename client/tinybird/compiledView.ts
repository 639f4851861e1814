// The text of a compiled-SQL document: a header comment saying what is shown (node or resolved query,
// test mode or the parameter values), then the SQL, or the template's error.
import type { CompiledSql } from '../../server/protocol';

export interface CompiledTarget {
  /** The .pipe document's URI. */
  source: string;
  node: string;
}

/** `tinybird-compiled:/<pipe>/<node>.sql?<source uri>`: the path names the tab, the query keeps the source. */
export function compiledPath(target: CompiledTarget): { path: string; query: string } {
  const pipe = decodeURIComponent(target.source.replace(/[?#].*$/, '').split('/').pop() ?? '').replace(/\.pipe$/, '');
  return { path: `/${pipe}/${target.node}.sql`, query: target.source };
}

export function targetOf(path: string, query: string): CompiledTarget | undefined {
  const node = /\/([^/]+)\.sql$/.exec(path)?.[1];
  return node && query ? { source: query, node } : undefined;
}

export function compiledText(result: CompiledSql, node: string, resolved: boolean, params: Record<string, string>): string {
  const entries = Object.entries(params);
  const mode = entries.length ? `parameters: ${entries.map(([k, v]) => `${k}=${v}`).join(', ')}` : 'test mode (no parameter values set)';
  const header = `-- ${resolved ? 'resolved query' : 'node SQL'} of ${node} · ${mode}`;
  if (result.ok) return `${header}\n${result.sql.replace(/^\n+/, '')}${result.sql.endsWith('\n') ? '' : '\n'}`;
  const where = result.line === undefined ? `node ${result.node}` : `node ${result.node}, line ${result.line + 1}`;
  return `${header}\n-- Template error (${where}): ${result.kind}: ${result.message}\n`;
}
