// Where pipe test files are, for `tb-datafiles test run` and the Test Explorer alike: YAML files with a
// `tests` folder in their path, and the project each one tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRootOf } from './projectRoot';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.tinyb']);

/** Test files under a directory: YAML files with a `tests` folder in their path (relative to it), sorted. */
export function testFilesUnder(dir: string, inTests = path.basename(dir) === 'tests'): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) found.push(...testFilesUnder(full, inTests || entry.name === 'tests'));
    else if (entry.isFile() && inTests && /\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** The project of a test file: the nearest folder above it with datasources/ or pipes/, else its project root. */
export function testProjectRoot(testFile: string): string {
  for (let dir = path.dirname(testFile); ; dir = path.dirname(dir)) {
    if (['datasources', 'pipes'].some((d) => fs.existsSync(path.join(dir, d)))) return dir;
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
  }
  const root = projectRootOf(path.dirname(testFile), fs.existsSync);
  return path.basename(root) === 'tests' ? path.dirname(root) : root;
}
