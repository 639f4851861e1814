// Template scans of the templated nodes of a file, cached per parsed SQL block.
import type { DatafileNode, SqlBlock } from '../../parser/ast';
import { scanTemplate, type TemplateScan } from '../../parser/template';
import type { FileFacts } from '../../workspace/facts';
import { derivedOf } from '../../workspace/queries';

export const templateScan: (sql: SqlBlock) => TemplateScan = derivedOf((sql) => scanTemplate(sql.text));

/** Nodes whose SQL tb renders as a template (first non-blank character `%`). */
export function templatedNodes(file: FileFacts): { node: DatafileNode; sql: SqlBlock; scan: TemplateScan }[] {
  const out = [];
  for (const { node } of file.nodes) if (node.sql?.templated) out.push({ node, sql: node.sql, scan: templateScan(node.sql) });
  return out;
}
