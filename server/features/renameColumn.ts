// Renaming a SCHEMA column of a datasource: its declaration, the ENGINE_* keys, INDEXES and DEFAULT
// expressions naming it, every SQL use resolving to it across the project (through nodes, pipes, CTEs
// and subqueries passing it on), and the writers producing it (`… AS col`, or `AS new` added to a
// plain column of another table). What other datasources receive never changes: a plain item renamed
// in a node writing another datasource keeps its output name (`new AS col`). Refused where the column
// goes through something a rename cannot follow: `SELECT *` writers, templated SELECT lists, the name
// written as a string in template code (`column(x, 'col')`).
import * as path from 'node:path';
import type { Span } from '../parser/ast';
import { outputName } from '../parser/selectList';
import { identifierText, isName } from '../parser/sqlScan';
import { templateNames } from '../parser/templateNames';
import type { FileFacts, NodeFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { columnWriters } from '../semantic/writers';
import { selectsStar, topSelectList } from '../semantic/columns';
import { candidateFiles } from '../semantic/occurrences';
import { columnsOf } from '../semantic/columns';
import { sqlTables } from '../semantic/model';
import { occurrences, targetKey, type Occurrence, type Target } from '../semantic/symbols';

export type ColumnTarget = Extract<Target, { kind: 'column' }>;

export interface SpanEdit {
  file: FileFacts;
  span: Span;
  newText: string;
}

/** A string naming columns: `'col'` or `'a, b, col'` (`column(x, 'col')`, `columns(x, 'a,b')`). */
const NAME_LIST = /^\s*[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*$/;

const inNode = (node: NodeFacts, span: Span) => node.node.sql !== undefined && node.node.span.start <= span.start && span.end <= node.node.span.end;

/** The nodes of the files where the column may occur whose SQL reads its datasource (through anything). */
function readingNodes(index: WorkspaceIndex, target: ColumnTarget): { file: FileFacts; node: NodeFacts }[] {
  const out: { file: FileFacts; node: NodeFacts }[] = [];
  for (const file of candidateFiles(index, target)) {
    for (const node of file.nodes) if (node.analysis && sqlTables(index, file, node).all.includes(target.datasource)) out.push({ file, node });
  }
  return out;
}

const where = (file: FileFacts, node: NodeFacts) => `node "${node.name}" of ${path.basename(file.path)}`;

/** Why renaming the column is unsafe, if it is. */
export function columnRefusal(index: WorkspaceIndex, target: ColumnTarget): string | undefined {
  const { datasource, name } = target;
  const defs = index.definitions(datasource);
  if (defs.length !== 1) return `${datasource} is defined by ${defs.length} files; resolve the conflict first.`;
  for (const u of columnWriters(index, datasource, name).untraced) {
    if (u.reason === 'star') return `${where(u.file, u.node)} writes ${datasource} with SELECT *; renaming ${name} cannot follow it. Name its columns first.`;
    if (u.reason === 'template') return `${where(u.file, u.node)} writes ${datasource} with a templated SELECT list; renaming ${name} cannot follow its branches.`;
  }
  for (const { file, node } of readingNodes(index, target)) {
    const written = node.target && node.target.name !== datasource ? columnsOf(index, node.target.name) : undefined;
    const list = written?.has(name) && topSelectList(node.analysis!.tokens);
    if (list && selectsStar(list)) return `${where(file, node)} writes ${node.target!.name} with SELECT * over ${datasource}; renaming ${name} would drop it from ${node.target!.name}.`;
    const text = node.node.sql!.text;
    if (templateNames(text).strings.some((s) => NAME_LIST.test(s) && s.split(/\s*,\s*/).map((n) => n.trim()).includes(name))) {
      return `${where(file, node)} names "${name}" in a string of its template code (a dynamic column); rename it by hand.`;
    }
  }
  return undefined;
}

/** The edits renaming the column, or why the new name collides. */
export function columnEdits(index: WorkspaceIndex, target: ColumnTarget, newName: string): SpanEdit[] | string {
  const { datasource, name } = target;
  if (columnsOf(index, datasource)?.has(newName)) return `${datasource} already has a column named "${newName}".`;
  const renamed = renamesWith(target);
  const edits: SpanEdit[] = [];
  for (const file of candidateFiles(index, target)) {
    for (const o of occurrences(index, file)) if (renamed(o)) edits.push({ file, span: o.span, newText: newName });
  }
  keepOtherTargetsInput(index, edits, datasource, name);
  const clash = nameClash(edits, newName);
  if (clash) return clash;
  const covered = new Set(edits.map((e) => `${e.file.path}#${e.span.start}`));
  for (const w of columnWriters(index, datasource, name).writers) {
    if (covered.has(`${w.file.path}#${w.nameSpan.start}`)) continue;
    const written = w.file.parsed.text.slice(w.nameSpan.start, w.nameSpan.end);
    edits.push({ file: w.file, span: w.nameSpan, newText: w.aliased ? newName : `${written} AS ${newName}` });
  }
  return edits;
}

/** Whether an occurrence is renamed with the column: it names it, or a CTE/subquery column passing it on under its name. */
export function renamesWith(target: ColumnTarget): (o: Occurrence) => boolean {
  const key = targetKey(target);
  return (o) => {
    if (o.target.kind !== 'derived') return targetKey(o.target) === key;
    const { aliasSpan, source } = o.target.column;
    return !aliasSpan && source?.datasource === target.datasource && source.name === target.name;
  };
}

/** A renamed plain SELECT item of a node writing another datasource keeps its output name: `new AS col`. */
function keepOtherTargetsInput(index: WorkspaceIndex, edits: SpanEdit[], datasource: string, name: string): void {
  for (const file of new Set(edits.map((e) => e.file))) {
    const fileEdits = edits.filter((e) => e.file === file);
    for (const node of file.nodes) {
      if (!node.target || node.target.name === datasource || !node.analysis || !node.node.sql) continue;
      const sql = node.node.sql;
      for (const item of topSelectList(node.analysis.tokens)?.items ?? []) {
        const output = outputName(item);
        if (!output || output.alias || output.name !== name) continue;
        const last = item[item.length - 1];
        const start = sql.toDocument(last.start);
        const edit = fileEdits.find((e) => e.span.start === start);
        if (edit && index.datasource(node.target.name)) edit.newText = `${edit.newText} AS ${name}`;
      }
    }
  }
}

/** Why the new name would collide in a node the rename edits: a name already written there. */
function nameClash(edits: SpanEdit[], newName: string): string | undefined {
  const seen = new Set<NodeFacts>();
  for (const e of edits) {
    const node = e.file.nodes.find((n) => inNode(n, e.span));
    if (!node || seen.has(node)) continue;
    seen.add(node);
    if (node.analysis!.tokens.some((t) => isName(t) && identifierText(t) === newName)) return `"${newName}" is already a name in ${where(e.file, node)}.`;
  }
  return undefined;
}
