// Node-level lookups shared by lineage rules.
import type { Span } from '../../parser/ast';
import type { FileFacts, NodeFacts } from '../../workspace/facts';

/** Where a node-level problem is reported: its TYPE line, else its NODE name. */
export function nodeAnchor(node: NodeFacts): Span {
  return node.node.attrs.get('type')?.command.span ?? node.node.nameSpan ?? node.node.command?.keyword ?? { start: 0, end: 0 };
}

/** The explicit nodes of a pipe or node include. */
export function explicitNodes(file: FileFacts): NodeFacts[] {
  return file.nodes.filter((n) => n.node.command);
}
