// The one place that knows where ../shared (corpus, references, goldens) is. Tests read it at test
// time, never copy it; a missing path fails with a message saying what is expected.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');

/** The absolute path of `parts` inside ../shared; throws a clear error when it does not exist. */
export function sharedPath(...parts: string[]): string {
  const full = path.join(SHARED, ...parts);
  if (!fs.existsSync(full)) {
    throw new Error(`${full} is missing: tests read the shared corpus, references and goldens from ${SHARED} (in a worktree, a symlink to the shared folder next to it)`);
  }
  return full;
}
