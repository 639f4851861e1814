// Template scans of the templated nodes of a file, cached per parsed SQL block.
import type { DatafileNode, SqlBlock } from '../../parser/ast';
import { scanTemplate, type TemplateScan } from '../../parser/template';
import type { FileFacts } from '../../workspace/facts';

const cache = new WeakMap<SqlBlock, TemplateScan>();

export function templateScan(sql: SqlBlock): TemplateScan {
  let scan = cache.get(sql);
  if (!scan) cache.set(sql, (scan = scanTemplate(sql.text)));
  return scan;
}

/** Nodes whose SQL tb renders as a template (first non-blank character `%`). */
export function templatedNodes(file: FileFacts): { node: DatafileNode; sql: SqlBlock; scan: TemplateScan }[] {
  const out = [];
  for (const { node } of file.nodes) if (node.sql?.templated) out.push({ node, sql: node.sql, scan: templateScan(node.sql) });
  return out;
}

const PY_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'in', 'not', 'and', 'or', 'is', 'while', 'return', 'lambda', 'set', 'print']);

export interface TemplateCall {
  name: string;
  /** True for `x.name(…)`. */
  method: boolean;
  /** Offsets in the tag content. */
  start: number;
  end: number;
}

/** Function and method calls of a template expression (string literals skipped). */
export function templateCalls(content: string): TemplateCall[] {
  const calls: TemplateCall[] = [];
  const re = /(['"])(?:\\.|(?!\1).)*\1|(\.\s*)?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/gs;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    if (m[1] || PY_KEYWORDS.has(m[3])) continue;
    const start = m.index + (m[2]?.length ?? 0);
    calls.push({ name: m[3], method: !!m[2], start, end: start + m[3].length });
  }
  return calls;
}
