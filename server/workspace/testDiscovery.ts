// Where pipe test files are, for `tb-datafiles test run` and the Test Explorer alike: YAML files with a
// `tests` folder in their path, and the project each one tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRootOf } from './projectRoot';

export { testFilesUnder } from './discovery';

/** The project of a test file: the nearest folder above it with datasources/ or pipes/, else its project root. */
export function testProjectRoot(testFile: string): string {
  for (let dir = path.dirname(testFile); ; dir = path.dirname(dir)) {
    if (['datasources', 'pipes'].some((d) => fs.existsSync(path.join(dir, d)))) return dir;
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
  }
  const root = projectRootOf(path.dirname(testFile), fs.existsSync);
  return path.basename(root) === 'tests' ? path.dirname(root) : root;
}
