// The root folder of a tb data project around a file: the nearest folder holding a marker file, else
// the folder above datasources/, pipes/…. Pure: the file system is reached through `exists`.
import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../diagnostics/configFile';

/** Folder names tb projects (classic and Forward) keep datafiles in: their parent is the project root. */
const PROJECT_FOLDERS = new Set(['datasources', 'pipes', 'endpoints', 'includes', 'materializations', 'copies', 'sinks', 'connections', 'fixtures']);

export interface RootSearch {
  /** Names whose presence in a folder makes it the root; each caller has its own (see the callers). */
  markers: readonly string[];
  /** Whether the search goes no higher than `dir` (asked after its markers); the file system root always stops it. */
  stopsAt(dir: string): boolean;
}

/**
 * The project root for `start` (a folder): the nearest folder from `start` upwards holding one of
 * `search.markers`; failing that, the parent of the nearest datasources/, pipes/… folder at or above
 * `start` (so pipes/mv/ belongs to the project above pipes/), else `start` itself.
 */
export function projectRootOf(start: string, exists: (file: string) => boolean, search: RootSearch): string {
  let folderParent: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (search.markers.some((marker) => exists(path.join(dir, marker)))) return dir;
    if (!folderParent && PROJECT_FOLDERS.has(path.basename(dir))) folderParent = path.dirname(dir);
    if (search.stopsAt(dir) || path.dirname(dir) === dir) break;
  }
  return folderParent ?? start;
}

/** Whether `file` is `root` or lies inside it. */
export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The project of the CLI and the engine (check, run, fixtures): the nearest folder with the lint
 * configuration or `.tinyb`, searched no higher than the git repository's root.
 */
export function datafileProjectRoot(start: string, exists: (file: string) => boolean): string {
  return projectRootOf(start, exists, { markers: [PROJECT_CONFIG_FILE, '.tinyb'], stopsAt: (dir) => exists(path.join(dir, '.git')) });
}
