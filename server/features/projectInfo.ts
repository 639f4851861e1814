// Answers to the extension's custom requests (server/protocol.ts): the project graph for push
// ordering, a pipe's nodes and parameters, and the node at a line.
import type { PipeInfo } from '../protocol';
import { positionAt } from '../parser/lines';
import type { FileFacts } from '../workspace/facts';
import { nodesOf, pipeParameters, publishedNode } from '../semantic/model';
import type { WorkspaceIndex } from '../workspace/index';

export function pipeInfo(index: WorkspaceIndex, file: FileFacts, uri: string): PipeInfo | null {
  if (file.role !== 'pipe') return null;
  const nodes = nodesOf(index, file).map(({ node }) => ({
    name: node.name,
    type: node.type,
    sql: node.node.sql?.text ?? '',
    target: node.target?.name,
    copyMode: node.copyMode,
    copySchedule: node.copySchedule,
  }));
  return {
    name: file.name,
    uri,
    nodes,
    endpointNode: publishedNode(index, file)?.name,
    params: pipeParameters(index, file),
  };
}

export function nodeAt(file: FileFacts, line: number): { node: string; sql: string } | null {
  for (const facts of file.nodes) {
    const node = facts.node;
    if (!node.command || !node.sql) continue;
    const start = positionAt(file.parsed.lineStarts, node.span.start).line;
    const end = positionAt(file.parsed.lineStarts, node.span.end).line;
    if (line >= start && line <= end) return { node: node.name, sql: node.sql.text };
  }
  return null;
}
