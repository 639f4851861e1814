// What a rename changes in the pipe test files (see engine/testFiles): in classic `tb test` YAML the
// `pipe: {name}` of its cases, the tables and columns its `sql:` names (resolved as a node's SQL), and
// the `params:` keys of cases calling the pipe; in a Forward-style `tests/<pipe>.yaml` the file's name and the keys of `parameters:`.
// The YAML is edited as text, line by line, so its layout and comments stay.
import * as path from 'node:path';
import type { Span } from '../parser/ast';
import { parseTestFile } from '../engine/testFiles';

export interface TestFileText {
  path: string;
  text: string;
}

/** The edits a rename makes in a query (offsets in it). */
export type QueryRename = (sql: string) => { span: Span; newText: string }[];

/** A renamed resource or column (the edits in classic `sql:` queries), or a parameter of a pipe. */
export type TestFileChange =
  | { kind: 'resource'; from: string; to: string; sql: QueryRename }
  | { kind: 'column'; sql: QueryRename }
  | { kind: 'parameter'; pipe: string; from: string; to: string };

export interface TestFileEdits {
  edits: { path: string; text: string; span: Span; newText: string }[];
  renames: { from: string; to: string }[];
}

interface Line {
  start: number;
  text: string;
  indent: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const text_ of text.split('\n')) {
    out.push({ start, text: text_, indent: text_.length - text_.trimStart().length });
    start += text_.length + 1;
  }
  return out;
}

const blank = (l: Line) => !l.text.trim() || l.text.trimStart().startsWith('#');

/** The lines nested under line `k` (more indented; blank lines included). */
function childrenOf(lines: Line[], k: number): number[] {
  const out: number[] = [];
  for (let j = k + 1; j < lines.length && (blank(lines[j]) || lines[j].indent > lines[k].indent); j++) out.push(j);
  return out;
}

/** The nearest line above `k` that is less indented (its YAML parent). */
function parentOf(lines: Line[], k: number): number | undefined {
  for (let j = k - 1; j >= 0; j--) if (!blank(lines[j]) && lines[j].indent < lines[k].indent) return j;
  return undefined;
}

const KEY = (key: string) => new RegExp(`^(\\s*(?:-\\s+)?)${key}:\\s*(.*?)\\s*$`);
const unquoted = (value: string) => value.replace(/^(['"])(.*)\1$/, '$2');

/** A `pipe:` block's `name:` value. */
function pipeNameUnder(lines: Line[], pipeLine: number): { line: number; value: string } | undefined {
  for (const j of childrenOf(lines, pipeLine)) {
    const m = KEY('name').exec(lines[j].text);
    if (m) return { line: j, value: m[2] };
  }
  return undefined;
}

function classicEdits(file: TestFileText, change: TestFileChange, out: TestFileEdits): void {
  const lines = linesOf(file.text);
  const edit = (start: number, length: number, newText: string) => out.edits.push({ path: file.path, text: file.text, span: { start, end: start + length }, newText });
  lines.forEach((line, k) => {
    if (!/^\s*pipe:\s*$/.test(line.text)) return;
    const name = pipeNameUnder(lines, k);
    if (!name) return;
    const value = unquoted(name.value);
    const valueAt = lines[name.line].start + lines[name.line].text.indexOf(value, lines[name.line].text.indexOf(':') + 1);
    if (change.kind === 'resource' && value === change.from) edit(valueAt, value.length, change.to);
    if (change.kind !== 'parameter' || value !== change.pipe) return;
    for (const j of childrenOf(lines, k)) {
      if (!/^\s*params:\s*$/.test(lines[j].text)) continue;
      for (const p of childrenOf(lines, j)) {
        const m = KEY(change.from).exec(lines[p].text);
        if (m && parentOf(lines, p) === j) edit(lines[p].start + m[1].length, change.from.length, change.to);
      }
    }
  });
  if (change.kind === 'parameter') return;
  lines.forEach((line, k) => {
    const m = KEY('sql').exec(line.text);
    if (!m) return;
    let region: { start: number; text: string };
    if (/^[|>][-+0-9]*$/.test(m[2])) {
      const body = childrenOf(lines, k);
      if (!body.length) return;
      const start = lines[body[0]].start;
      const last = lines[body[body.length - 1]];
      region = { start, text: file.text.slice(start, last.start + last.text.length) };
    } else {
      const value = unquoted(m[2]);
      region = { start: line.start + line.text.indexOf(value, m[1].length + 4), text: value };
    }
    for (const e of change.sql(region.text)) edit(region.start + e.span.start, e.span.end - e.span.start, e.newText);
  });
}

function forwardEdits(file: TestFileText, change: TestFileChange, out: TestFileEdits): void {
  const pipe = path.basename(file.path).replace(/\.ya?ml$/, '');
  if (change.kind === 'column') return;
  if (change.kind === 'resource') {
    if (pipe === change.from) out.renames.push({ from: file.path, to: path.join(path.dirname(file.path), change.to + path.extname(file.path)) });
    return;
  }
  if (pipe !== change.pipe) return;
  const key = new RegExp(`(^|[?&'"])${change.from}=`, 'g');
  for (const line of linesOf(file.text)) {
    const m = KEY('parameters').exec(line.text);
    if (!m) continue;
    const valueAt = line.start + line.text.indexOf(m[2], m[1].length + 'parameters:'.length);
    for (const found of m[2].matchAll(key)) {
      out.edits.push({ path: file.path, text: file.text, span: { start: valueAt + found.index! + found[1].length, end: valueAt + found.index! + found[1].length + change.from.length }, newText: change.to });
    }
  }
}

/** The edits and file renames a rename makes in the test files. */
export function testFileEdits(files: TestFileText[], change: TestFileChange): TestFileEdits {
  const out: TestFileEdits = { edits: [], renames: [] };
  for (const file of files) {
    const parsed = parseTestFile(file.path, file.text);
    if (parsed.error) continue;
    if (parsed.format === 'classic') classicEdits(file, change, out);
    else forwardEdits(file, change, out);
  }
  return out;
}
