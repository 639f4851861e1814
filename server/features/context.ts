// What every feature handler needs: the index of the file's project, that project's rule options,
// how paths become client URIs, and a clock (injected so tests can pin "next run" times).
import type { Span } from '../parser/ast';
import { positionAt } from '../parser/lines';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { RuleOptions } from '../diagnostics/config';

export interface FeatureContext {
  readonly index: WorkspaceIndex;
  /** The project's rule options (multi-snapshot datasources…), so features agree with its diagnostics. */
  readonly options?: RuleOptions;
  uriOf(path: string): string;
  now?: () => Date;
  /** The template parameter values the client last rendered a pipe with (compiled SQL), if any. */
  parameterValues?(pipe: FileFacts): Readonly<Record<string, string>> | undefined;
}

/** A file URI pointing at the line of an offset (VS Code opens `#L<line>` fragments there). */
export function uriAt(ctx: FeatureContext, file: FileFacts, offset: number): string {
  return `${ctx.uriOf(file.path)}#L${positionAt(file.parsed.lineStarts, offset).line + 1}`;
}

/** The span of a node's name, or of its NODE line. */
export function nodeAnchor(node: NodeFacts): Span {
  return node.node.nameSpan ?? node.node.command?.keyword ?? node.node.span;
}
