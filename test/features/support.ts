// Shared helpers of the feature tests: an index over a folder, positions marked in fixture text,
// locations as `file:line:text`, refusals, and workspace edits applied to a copy of an index.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type Location, type RenameFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { uriToPath } from '../../server/lsp/convert';
import { computeLineStarts, offsetAt, positionAt } from '../../server/parser/lines';
import { WorkspaceIndex } from '../../server/workspace/index';
import type { FileFacts } from '../../server/workspace/facts';
import { sharedPath } from '../support/shared';
import { diagnoseFiles } from '../../server/diagnostics/index';
import { DEFAULT_CONFIG } from '../../server/diagnostics/config';

export const CORPUS = sharedPath('corpus/crowd.dev');
export const FIXTURES = path.resolve(__dirname, '../fixtures/features');

export function datafilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...datafilesUnder(full));
    else if (/\.(datasource|pipe|incl)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export function indexOf(dir: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of datafilesUnder(dir)) index.update(file, fs.readFileSync(file, 'utf8'));
  return index;
}

let corpus: WorkspaceIndex | undefined;
export function corpusIndex(): WorkspaceIndex {
  return (corpus ??= indexOf(CORPUS));
}

/** The file of a resource (or `.incl` by file name). */
export function fileOf(index: WorkspaceIndex, name: string): FileFacts {
  const found = index.resolve(name) ?? [...index.all()].find((f) => path.basename(f.path) === name);
  if (!found) throw new Error(`no file for ${name}`);
  return found;
}

/** Offset of the `nth` occurrence of `needle` in a file, plus `delta` characters. */
export function offsetOf(file: FileFacts, needle: string, delta = 1, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = file.parsed.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found in ${file.path}`);
  }
  return at + delta;
}

export function positionOf(file: FileFacts, needle: string, delta = 1, nth = 0) {
  return positionAt(file.parsed.lineStarts, offsetOf(file, needle, delta, nth));
}

/** A location as `file:line:text`. */
export function where(index: WorkspaceIndex, loc: Location): string {
  const file = index.get(uriToPath(loc.uri)!)!;
  const { start } = loc.range;
  const offset = file.parsed.lineStarts[start.line] + start.character;
  const end = file.parsed.lineStarts[loc.range.end.line] + loc.range.end.character;
  return `${path.basename(file.path)}:${start.line + 1}:${file.parsed.text.slice(offset, end)}`;
}

/** The message of the ResponseError a call throws. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ResponseError);
    return e.message;
  }
  assert.fail('expected a refusal');
}

/**
 * The texts a workspace edit changes: path → new text, or undefined for a file it renames away.
 * `others` holds the texts of files it may edit that are not datafiles (test files).
 */
export function editedTexts(index: WorkspaceIndex, edit: WorkspaceEdit, others = new Map<string, string>()): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const textOf = (file: string) => (out.has(file) ? out.get(file) : (index.text(file) ?? others.get(file)));
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const rename = change as RenameFile;
      const from = uriToPath(rename.oldUri)!;
      if (!index.get(from) && !others.has(from)) continue;
      out.set(uriToPath(rename.newUri)!, textOf(from));
      out.set(from, undefined);
      continue;
    }
    const { textDocument, edits } = change as TextDocumentEdit;
    const file = uriToPath(textDocument.uri)!;
    let text = textOf(file)!;
    const lineStarts = computeLineStarts(text);
    const spans = edits.map((e) => ({
      start: offsetAt(lineStarts, text.length, e.range.start),
      end: offsetAt(lineStarts, text.length, e.range.end),
      newText: e.newText,
    }));
    for (const s of spans.sort((a, b) => b.start - a.start)) text = text.slice(0, s.start) + s.newText + text.slice(s.end);
    out.set(file, text);
  }
  return out;
}

/** Applies a workspace edit to the index's texts and returns the resulting workspace. */
export function applyEdit(index: WorkspaceIndex, edit: WorkspaceEdit): WorkspaceIndex {
  const texts = new Map([...index.all()].map((f) => [f.path, index.text(f.path)!]));
  for (const [file, text] of editedTexts(index, edit)) {
    if (text === undefined) texts.delete(file);
    else texts.set(file, text);
  }
  const out = new WorkspaceIndex();
  for (const [file, text] of texts) out.update(file, text);
  return out;
}

/**
 * Applies a workspace edit to the index itself, runs `fn` on the edited workspace, and restores the
 * original texts (files the edit leaves alone keep their facts, so their cached findings are reused).
 */
export function withEdit<T>(index: WorkspaceIndex, edit: WorkspaceEdit, fn: () => T): T {
  const changed = editedTexts(index, edit);
  const original = new Map([...changed.keys()].map((file) => [file, index.text(file)]));
  const put = (texts: Map<string, string | undefined>) => {
    for (const [file, text] of texts) if (text === undefined) index.remove(file);
    for (const [file, text] of texts) if (text !== undefined) index.update(file, text);
  };
  put(changed);
  try {
    return fn();
  } finally {
    put(original);
  }
}

/** The lines a workspace edit changes, as `file: new line` (file renames as `old → new`). */
export function changedLines(index: WorkspaceIndex, edit: WorkspaceEdit, others = new Map<string, string>()): string[] {
  const out: string[] = [];
  for (const [file, text] of editedTexts(index, edit, others)) {
    const before = (index.text(file) ?? others.get(file))?.split('\n');
    if (text === undefined) continue;
    if (!before) {
      out.push(`→ ${path.basename(file)}`);
      continue;
    }
    text.split('\n').forEach((line, k) => line !== before[k] && out.push(`${path.basename(file)}: ${line.trim()}`));
  }
  return out;
}

/** The findings of some files (all by default) as `file:line:code:message`, the new name written back as the old one. */
export function workspaceFindings(index: WorkspaceIndex, root: string, renamed?: { from: string; to: string }, files: Iterable<FileFacts> = index.all()): string[] {
  const back = (s: string) => (renamed ? s.replace(new RegExp(`\\b${renamed.to}\\b`, 'g'), renamed.from) : s);
  const out: string[] = [];
  const list = [...files];
  diagnoseFiles(index, list, () => DEFAULT_CONFIG).forEach((found, i) => {
    for (const d of found) out.push(back(`${path.relative(root, list[i].path)}:${d.range.start.line}:${d.code}:${d.message}`));
  });
  return out.sort();
}
