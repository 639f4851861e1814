// What one datafile contributes to the workspace: its resource, its nodes, and the names its nodes
// read and write. Pure function of the file's path and text, so an edit recomputes one file only.
import * as path from 'node:path';
import type { Column, Datafile, DatafileNode, FileKind, Span } from '../parser/ast';
import { includeKind, parseDatafile } from '../parser/datafile';
import { analyzeSql, type SqlAnalysis, type TableRef } from '../parser/sqlRefs';
import type { NodeType } from '../protocol';
import { roleOf, type FileRole } from './fileRole';
import type { WorkspaceIndex } from './index';
import { derivedOf } from './queries';

export interface NodeFacts {
  name: string;
  node: DatafileNode;
  type: NodeType;
  /** Whether TYPE was written explicitly. */
  explicitType: boolean;
  analysis?: SqlAnalysis;
  /** MV target (DATASOURCE) or copy target (TARGET_DATASOURCE). */
  target?: { name: string; span: Span };
  copyMode?: string;
  copySchedule?: string;
}

export interface ReadFact {
  /** Node doing the read. */
  node: string;
  ref: TableRef;
  /** Document span of the referenced name. */
  span: Span;
}

export interface FileFacts {
  path: string;
  role: FileRole;
  /** Resource name: the file's basename without extension. */
  name: string;
  parsed: Datafile;
  nodes: NodeFacts[];
  /** References to names outside the node's own CTEs, nodes of the same pipe and table functions. */
  externalReads: ReadFact[];
  /** References to other nodes of the same pipe. */
  nodeReads: ReadFact[];
}

const NODE_TYPES: NodeType[] = ['standard', 'endpoint', 'materialized', 'copy', 'sink', 'stream'];

export function resourceName(filePath: string): string {
  const base = path.basename(filePath);
  const dot = base.indexOf('.');
  return dot < 0 ? base : base.slice(0, dot);
}

export function parseKind(role: FileRole, text: string): FileKind {
  if (role === 'include') return includeKind(text);
  return role;
}

function nodeType(node: DatafileNode): { type: NodeType; explicit: boolean } {
  const written = node.attrs.get('type')?.value.toLowerCase();
  if (written && (NODE_TYPES as string[]).includes(written)) return { type: written as NodeType, explicit: true };
  if (written === 'default') return { type: 'standard', explicit: true };
  return { type: 'standard', explicit: false };
}

export function computeFacts(filePath: string, text: string): FileFacts | undefined {
  const role = roleOf(filePath);
  if (!role) return undefined;
  const parsed = parseDatafile(text, parseKind(role, text), { fragment: role === 'include' });
  const nodes: NodeFacts[] = [];
  const nodeNames = new Set(parsed.nodes.filter((n) => n.command).map((n) => n.name));
  const externalReads: ReadFact[] = [];
  const nodeReads: ReadFact[] = [];
  for (const node of parsed.nodes) {
    const { type, explicit } = nodeType(node);
    const facts: NodeFacts = { name: node.name, node, type, explicitType: explicit };
    const targetRef = type === 'copy' ? node.attrs.get('target_datasource') : node.attrs.get('datasource');
    if (targetRef) facts.target = { name: targetRef.value, span: targetRef.span };
    if (type === 'copy') {
      facts.copyMode = node.attrs.get('mode')?.value;
      facts.copySchedule = node.attrs.get('copy_schedule')?.value;
    }
    if (node.sql) {
      const analysis = analyzeSql(node.sql.text);
      facts.analysis = analysis;
      for (const ref of analysis.refs) {
        if (ref.qualifier === undefined && analysis.ctes.has(ref.name)) continue;
        const span = { start: node.sql.toDocument(ref.span.start), end: node.sql.toDocument(ref.span.end - 1) + 1 };
        const read = { node: node.name, ref, span };
        if (ref.qualifier === undefined && nodeNames.has(ref.name) && ref.name !== node.name) nodeReads.push(read);
        else externalReads.push(read);
      }
    }
    nodes.push(facts);
  }
  return { path: filePath, role, name: resourceName(filePath), parsed, nodes, externalReads, nodeReads };
}

/** The node tb publishes as the endpoint of a pipe (explicit TYPE endpoint, else the last node), if any. */
export function endpointNode(index: Pick<WorkspaceIndex, 'nodesOf'>, facts: FileFacts): NodeFacts | undefined {
  if (facts.role !== 'pipe') return undefined;
  const nodes = index.nodesOf(facts).map((n) => n.node);
  const explicit = nodes.find((n) => n.type === 'endpoint');
  if (explicit) return explicit;
  if (nodes.some((n) => n.type === 'materialized' || n.type === 'copy' || n.type === 'sink' || n.type === 'stream')) return undefined;
  return nodes[nodes.length - 1];
}

/** The SCHEMA columns of a datasource file, by name. */
export const columnsIn: (ds: FileFacts) => Map<string, Column> = derivedOf((ds) => {
  const map = new Map<string, Column>();
  for (const node of ds.parsed.nodes) for (const c of node.schema?.columns ?? []) map.set(c.name, c);
  return map;
});
