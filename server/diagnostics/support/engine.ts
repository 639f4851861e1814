// The engine declarations of a file (a datasource's, or a pipe node's that creates its target), with
// the schema they refer to, and helpers to point into ENGINE_* values.
import { ENGINE_ARGS, engineSpec, type EngineArgSpec, type EngineName } from '../../catalog/keywords';
import type { Column, DatafileNode, EngineArg, Span, ValueRef } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';
import type { Edit } from '../rule';
import { spanInValue } from './spans';
import { derivedOf } from '../../workspace/queries';

export interface EngineInfo {
  node: DatafileNode;
  /** The ENGINE line, if any. */
  type?: ValueRef;
  /** The engine in effect (MergeTree when there is no ENGINE line); undefined when unsupported. */
  engine?: EngineName;
  args: Map<string, EngineArg>;
  /** Schema columns by name, when the node has a SCHEMA that parsed. */
  columns?: Map<string, Column>;
}

export const enginesOf: (file: FileFacts) => EngineInfo[] = derivedOf((file) => {
  const infos: EngineInfo[] = [];
  for (const { node } of file.nodes) {
    const decl = node.engine;
    const schema = node.schema;
    if (!decl && !(file.role === 'datasource' && schema)) continue;
    const typeName = decl?.type?.value ?? 'MergeTree';
    const columns = schema && !schema.command.invalid ? new Map(schema.columns.map((c) => [c.name, c])) : undefined;
    infos.push({
      node,
      type: decl?.type,
      engine: engineSpec(typeName)?.name,
      args: new Map((decl?.args ?? []).map((a) => [a.name, a])),
      columns,
    });
  }
  return infos;
});

export function argSpecs(engine: EngineName): readonly EngineArgSpec[] {
  return ENGINE_ARGS[engine];
}

/** The document span of a part of an ENGINE_* value. */
export function argSubSpan(file: FileFacts, arg: EngineArg, sub: Span): Span {
  return spanInValue(file.parsed.text, arg.span, arg.value, sub);
}

/** Where an engine problem with no better place is reported: the ENGINE line, else the node/schema keyword. */
export function engineAnchor(info: EngineInfo): Span {
  return info.type?.span ?? info.node.schema?.command.keyword ?? info.node.command?.keyword ?? { start: 0, end: 0 };
}

/** Inserts `ENGINE_<NAME> value` where tb fmt puts it: args are sorted by name after the ENGINE line. */
export function insertEngineArg(file: FileFacts, info: EngineInfo, name: string, value: string): Edit {
  const text = file.parsed.text;
  const line = `ENGINE_${name.toUpperCase()} ${value}\n`;
  const after = [...info.args.values()].filter((a) => a.name > name).sort((a, b) => a.command.span.start - b.command.span.start)[0];
  if (after) {
    const start = text.lastIndexOf('\n', after.command.span.start - 1) + 1;
    return { span: { start, end: start }, newText: line };
  }
  const last = [info.type?.command, ...[...info.args.values()].map((a) => a.command)]
    .filter((c) => !!c)
    .sort((a, b) => b!.span.end - a!.span.end)[0];
  const end = last ? last.span.end : engineAnchor(info).end;
  return { span: { start: end, end }, newText: `\n${line.slice(0, -1)}` };
}
