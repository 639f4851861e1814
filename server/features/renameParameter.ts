// Renaming a template parameter of a pipe: every free use of the name in the `{{ }}`/`{% %}` tags of
// the pipe's nodes (type functions, `defined(…)`, expressions and conditions). Refused where a use
// cannot be rewritten from this pipe alone: the name used by an included file (shared with the other
// pipes including it), bound by `{% set %}`/`{% for %}`, or written as a string in template code.
import * as path from 'node:path';
import { templateNames } from '../parser/templateNames';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import type { Target } from '../semantic/symbols';

export type ParameterTarget = Extract<Target, { kind: 'parameter' }>;

/** The template names of each node a pipe runs (its own and the included ones), with the file declaring it. */
function pipeTemplateNames(index: WorkspaceIndex, pipe: FileFacts) {
  return index.nodesOf(pipe).flatMap(({ node, via }) => (node.node.sql ? [{ file: via ?? pipe, node: node.name, names: templateNames(node.node.sql.text) }] : []));
}

/** Why renaming the parameter is unsafe, if it is. */
export function parameterRefusal(index: WorkspaceIndex, target: ParameterTarget): string | undefined {
  const pipe = index.get(target.path);
  if (!pipe) return `The pipe of parameter "${target.name}" is not in the workspace.`;
  for (const { file, node, names } of pipeTemplateNames(index, pipe)) {
    const inNode = `node "${node}" of ${path.basename(file.path)}`;
    if (file !== pipe && names.uses.some((u) => u.name === target.name)) {
      return `Parameter "${target.name}" is also used in ${inNode}, which other pipes may include; rename it there and in every pipe including it.`;
    }
    if (names.strings.includes(target.name)) return `${inNode} writes "${target.name}" as a string in its template code (a dynamic name); rename it by hand.`;
  }
  return undefined;
}

/** Why the new name collides with a name the pipe's template code already uses, if it does. */
export function parameterClash(index: WorkspaceIndex, target: ParameterTarget, newName: string): string | undefined {
  const pipe = index.get(target.path)!;
  for (const { file, node, names } of pipeTemplateNames(index, pipe)) {
    if (names.bound.has(newName) || names.uses.some((u) => u.name === newName)) {
      return `"${newName}" is already a parameter or template variable in node "${node}" of ${path.basename(file.path)}.`;
    }
  }
  return undefined;
}
