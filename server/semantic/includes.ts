// Names built from INCLUDE variables. With `INCLUDE "shared.incl" "TABLE=events"` and `FROM $TABLE` in
// shared.incl, the pipe reads `events` through the argument's value: that value is an occurrence of
// `events` (hover, definition, references and rename see it). A name only partly built from a variable
// (`FROM ${PREFIX}_events`) cannot be rewritten by editing the argument, so rename refuses it.
import type { Span } from '../parser/ast';
import { unquote } from '../parser/shlex';
import type { FileFacts } from '../workspace/facts';
import type { IncludedPart, WorkspaceIndex } from '../workspace/index';
import { nameSpanIn } from './nameSpan';

export interface VariableName {
  part: IncludedPart;
  variable: string;
  /** The resource or node name read or written once the variable is substituted. */
  name: string;
  /** The node reading the name (none for DATASOURCE and TARGET_DATASOURCE, which name a datasource). */
  reader?: string;
  /** Whether the name is exactly the variable's value (not only partly built from it). */
  whole: boolean;
  /** The variable's value in the INCLUDE line of the including file. */
  valueSpan: Span;
}

/** The names of a file's included nodes (FROM/JOIN, DATASOURCE, TARGET_DATASOURCE) built from INCLUDE variables (the model caches them: `variableNames`). */
export function computeVariableNames(index: Pick<WorkspaceIndex, 'includedParts'>, file: FileFacts): VariableName[] {
  return index.includedParts(file).flatMap(namesOfPart);
}

function namesOfPart(part: IncludedPart): VariableName[] {
  if (!part.substitutions.length) return [];
  const text = part.facts.parsed.text;
  const names: { name: string; span: Span; reader?: string }[] = part.facts.externalReads
    .filter((r) => r.ref.qualifier === undefined)
    .map((r) => ({ name: r.ref.name, span: r.span, reader: r.node }));
  for (const node of part.facts.nodes) if (node.target) names.push({ name: node.target.name, span: nameSpanIn(text, node.target.span, node.target.name) });
  const out: VariableName[] = [];
  for (const { name, span, reader } of names) {
    for (const s of part.substitutions) {
      if (s.start >= span.end || s.end <= span.start) continue;
      const valueSpan = argumentValueSpan(part, s.name);
      if (valueSpan) out.push({ part, variable: s.name, name, reader, whole: s.start === span.start && s.end === span.end, valueSpan });
    }
  }
  return out;
}

/** The span of `VAR`'s value in the INCLUDE line (the last `VAR=…` argument wins, as in tb). */
function argumentValueSpan(part: IncludedPart, variable: string): Span | undefined {
  const arg = part.decl.command.args.slice(1).reverse().find((a) => unquote(a.text).startsWith(`${variable}=`));
  if (!arg) return undefined;
  const start = arg.start + arg.text.indexOf('=') + 1;
  return { start, end: start + part.decl.vars[variable].length };
}

const VARIABLE = /\$(?:([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g;

/** The `$VAR` or `${VAR}` of an `.incl` file at an offset, if any. */
export function variableAt(file: FileFacts, offset: number): string | undefined {
  if (file.role !== 'include') return undefined;
  const text = file.parsed.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  for (const m of line.matchAll(VARIABLE)) {
    const start = lineStart + m.index;
    if (start <= offset && offset <= start + m[0].length && text[start - 1] !== '$') return m[1] ?? m[2];
  }
  return undefined;
}
