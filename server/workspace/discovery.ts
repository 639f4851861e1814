// Finds the datafiles of a workspace folder: any depth, skipping dependencies and build output.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { roleOf } from './fileRole';

export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '.vscode-test', '.tinyb-cache']);

/** A regular file, or a symlink to one (symlinked folders are not followed: they could loop). */
function isFileOrLinkToFile(entry: Dirent, full: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false; // a dangling link
  }
}

/** What a folder entry is to the walkers: a folder to search, a datafile, or neither. */
function entryKind(entry: Dirent, full: string): 'folder' | 'datafile' | undefined {
  if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? undefined : 'folder';
  return roleOf(entry.name) && isFileOrLinkToFile(entry, full) ? 'datafile' : undefined;
}

/** The files under `root` that `wanted` accepts, sorted; unreadable folders are skipped. */
async function findFiles(root: string, wanted: (entry: Dirent) => boolean): Promise<string[]> {
  const found: string[] = [];
  async function visit(dir: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, not fatal
    }
    await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) await visit(full);
        } else if (wanted(entry) && isFileOrLinkToFile(entry, full)) {
          found.push(full);
        }
      }),
    );
  }
  await visit(root);
  return found.sort();
}

/** The datafiles under `root`, sorted. */
export function findDatafiles(root: string): Promise<string[]> {
  return findFiles(root, (entry) => roleOf(entry.name) !== undefined);
}

/** The files with this exact name under `root` (e.g. every project's tinybird-lint.json), sorted. */
export function findFilesNamed(root: string, name: string): Promise<string[]> {
  return findFiles(root, (entry) => entry.name === name);
}

/** `findDatafiles` for the command line: synchronous, and an unreadable folder throws. */
export function findDatafilesSync(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const kind = entryKind(entry, full);
      if (kind === 'folder') visit(full);
      else if (kind === 'datafile') found.push(full);
    }
  };
  visit(root);
  return found.sort();
}

/**
 * Reads a datafile as tb would see it; a binary or oversized file reads as text all the same.
 * Synchronous: a datafile is a regular file (the walkers take no other), and a promise read costs
 * several times the CPU (open, stat, read and close each go through the thread pool).
 */
export function readDatafile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Test files under a folder: YAML files with a `tests` folder in their path (the folder itself counts), sorted. */
export function testFilesUnder(dir: string, inTests = path.basename(dir) === 'tests'): string[] {
  const found: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) found.push(...testFilesUnder(full, inTests || entry.name === 'tests'));
    else if (inTests && /\.ya?ml$/.test(entry.name) && isFileOrLinkToFile(entry, full)) found.push(full);
  }
  return found;
}
