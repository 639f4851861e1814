// Shared helpers of the feature tests: an index over a folder, and positions marked in fixture text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionAt } from '../../server/parser/lines';
import { WorkspaceIndex } from '../../server/workspace/index';
import type { FileFacts } from '../../server/workspace/facts';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus/crowd.dev');
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
