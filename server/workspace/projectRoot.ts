// The root folder of a Tinybird project around a file (README "Projects"), the one definition used by
// the language server, the CLI and the commands. Pure: the file system is reached through `exists`.
import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../diagnostics/configFile';

/** Folder names tb projects (classic and Forward) keep datafiles in: their parent is the project root. */
const PROJECT_FOLDERS = new Set(['datasources', 'pipes', 'endpoints', 'includes', 'materializations', 'copies', 'sinks', 'connections', 'fixtures']);

/** Files whose presence makes a folder a project root. */
export const PROJECT_MARKERS: readonly string[] = ['.tinyb', PROJECT_CONFIG_FILE, '.env'];

/**
 * The project root for `start` (a file's folder): walking up from `start`, the first folder that
 * holds a marker file or that is the parent of a datasources/, pipes/… folder on the way (so
 * pipes/mv/ belongs to the project above pipes/, and sub-projects of a repository stay apart even
 * when the repository's root has a `.env`). The walk stops at `boundary` (a workspace folder) and at
 * a folder holding `.git`; when it finds nothing, `start` is the root.
 */
export function projectRootOf(start: string, exists: (file: string) => boolean, boundary?: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (PROJECT_MARKERS.some((marker) => exists(path.join(dir, marker)))) return dir;
    if (PROJECT_FOLDERS.has(path.basename(dir)) && dir !== boundary) return path.dirname(dir);
    if (dir === boundary || exists(path.join(dir, '.git')) || path.dirname(dir) === dir) return start;
  }
}

/** Whether `file` is `root` or lies inside it. */
export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
