// The cases of a pipe test file with the lines they span, for the Test Explorer. Both formats are a
// YAML list at the top level, so the k-th case is the k-th item of that list: an item starts with a
// `-` at the list's indentation (block scalars inside a case are always indented further).
import { parseTestFile } from '../engine/testFiles';
import type { TestCaseInfo, TestFileInfo } from '../protocol';

const CONTENT = /^\s*[^\s#]/;

/** [first, last] 0-based lines of each top-level list item, or undefined when the file is not a block list. */
export function listItemLines(lines: readonly string[]): [number, number][] | undefined {
  const first = lines.findIndex((l) => CONTENT.test(l) && !l.startsWith('---') && !l.startsWith('%'));
  if (first < 0) return [];
  const indent = /^ */.exec(lines[first])![0].length;
  const isItem = (l: string) => l.length > indent && l.slice(0, indent).trim() === '' && /^-(\s|$)/.test(l.slice(indent));
  if (!isItem(lines[first])) return undefined;
  const items: [number, number][] = [];
  let last = first;
  for (let k = first; k < lines.length; k++) {
    const line = lines[k];
    if (isItem(line)) {
      if (items.length) items[items.length - 1][1] = last;
      items.push([k, k]);
    }
    if (CONTENT.test(line)) last = k;
  }
  if (items.length) items[items.length - 1][1] = last;
  return items;
}

/** The file's cases (as `test run` reads them) with their lines; when items and cases do not pair up, each case gets the file's first line. */
export function testFileInfo(filePath: string, text: string, uri: string): TestFileInfo {
  const file = parseTestFile(filePath, text);
  const lines = text.split(/\r?\n/);
  const items = listItemLines(lines);
  const paired = items?.length === file.cases.length;
  const cases = file.cases.map((c, k): TestCaseInfo => {
    const [line, endLine] = paired ? items[k] : [0, 0];
    const info: TestCaseInfo = { name: c.name, line, endLine, endCharacter: lines[endLine].length };
    if (c.kind === 'forward' && c.description) info.description = c.description;
    return info;
  });
  return { uri, format: file.format, cases, ...(file.error ? { error: file.error } : {}) };
}
