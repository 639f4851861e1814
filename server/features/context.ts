// What every feature handler needs: the index of the file's project, that project's rule options,
// how paths become client URIs, and a clock (injected so tests can pin "next run" times).
import type { Span } from '../parser/ast';
import { positionAt } from '../parser/lines';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { ReaderEntry, WorkspaceIndex } from '../workspace/index';
import type { RuleOptions } from '../diagnostics/config';
import type { TemplateParameter } from '../protocol';
import { templateParameters } from '../parser/templateParams';

export interface FeatureContext {
  readonly index: WorkspaceIndex;
  /** The project's rule options (multi-snapshot datasources…), so features agree with its diagnostics. */
  readonly options?: RuleOptions;
  uriOf(path: string): string;
  now?: () => Date;
}

/** The template parameters a pipe declares, in its own nodes and included ones (tb's node order). */
export function pipeParameters(index: WorkspaceIndex, file: FileFacts): TemplateParameter[] {
  return templateParameters(index.nodesOf(file).map(({ node }) => node.node.sql?.text ?? ''));
}

/** Reads of a resource name by this workspace (`db.table` names another workspace's resource). */
export function localReaders(index: WorkspaceIndex, name: string): ReaderEntry[] {
  return index.readersOf(name).filter((r) => r.read.ref.qualifier === undefined);
}

/** The readers of a node: nodes of its pipe that read it, plus readers of the pipe when it is published. */
export function nodeReaders(index: WorkspaceIndex, file: FileFacts, node: NodeFacts, published: boolean): { file: FileFacts; node: string }[] {
  const out = file.nodeReads.filter((r) => r.ref.name === node.name && r.node !== node.name).map((r) => ({ file, node: r.node }));
  if (published) for (const r of localReaders(index, file.name)) out.push({ file: r.file, node: r.read.node });
  return out;
}

/** A file URI pointing at the line of an offset (VS Code opens `#L<line>` fragments there). */
export function uriAt(ctx: FeatureContext, file: FileFacts, offset: number): string {
  return `${ctx.uriOf(file.path)}#L${positionAt(file.parsed.lineStarts, offset).line + 1}`;
}

/** The span of a node's name, or of its NODE line. */
export function nodeAnchor(node: NodeFacts): Span {
  return node.node.nameSpan ?? node.node.command?.keyword ?? node.node.span;
}
