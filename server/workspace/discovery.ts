// Finds the datafiles of a workspace folder: any depth, skipping dependencies and build output.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { roleOf } from './facts';

export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '.vscode-test', '.tinyb-cache']);

export async function findDatafiles(root: string): Promise<string[]> {
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
        } else if (entry.isFile() && roleOf(entry.name)) {
          found.push(full);
        }
      }),
    );
  }
  await visit(root);
  return found.sort();
}

/** Reads a datafile as tb would see it; a binary or oversized file reads as text all the same. */
export async function readDatafile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
