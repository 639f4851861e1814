// The data project on disk: its root folder, its fixtures, and the files changed against git HEAD.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { projectRootOf } from '../../server/workspace/projectRoot';
import { UserError } from './errors';

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The project of `file` (see projectRootOf), not above `stopAt` (the workspace folder). */
export function findProjectRoot(file: string, stopAt?: string): string {
  return projectRootOf(path.dirname(file), existsSync, stopAt);
}

/** Where `tb push --fixtures` and the team's guide keep fixtures for a datasource, in lookup order (§6.1). */
function fixtureCandidates(root: string, datasource: string): string[] {
  return [
    path.join(root, 'fixtures', `${datasource}.ndjson`),
    path.join(root, 'fixtures', `${datasource}.csv`),
    path.join(root, 'datasources', 'fixtures', `${datasource}.ndjson`),
    path.join(root, 'datasources', 'fixtures', `${datasource}.csv`),
  ];
}

export async function findFixture(root: string, datasource: string): Promise<string | undefined> {
  for (const candidate of fixtureCandidates(root, datasource)) if (await exists(candidate)) return candidate;
  return undefined;
}

/** NDJSON/CSV files of the fixtures folders, sorted, for the append picker. */
export async function listFixtures(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of [path.join(root, 'fixtures'), path.join(root, 'datasources', 'fixtures')]) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    out.push(...names.filter((n) => /\.(ndjson|csv)$/i.test(n)).sort().map((n) => path.join(dir, n)));
  }
  return out;
}

export function fixtureFormat(file: string): 'ndjson' | 'csv' {
  if (/\.ndjson$|\.jsonl$/i.test(file)) return 'ndjson';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new UserError(`${path.basename(file)} is neither NDJSON (.ndjson) nor CSV (.csv).`);
}

const run = promisify(execFile);

/** Absolute paths of files under `root` that differ from git HEAD, including untracked ones. Read-only git. */
export async function changedFiles(root: string): Promise<string[]> {
  const git = async (...args: string[]) => {
    try {
      return (await run('git', ['-C', root, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (err) {
      throw new UserError(`git failed in ${root}: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
    }
  };
  const top = (await git('rev-parse', '--show-toplevel')).trim();
  const tracked = await git('diff', '--name-only', '-z', 'HEAD', '--', '.');
  const untracked = await git('ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', '.');
  const names = [...tracked.split('\0'), ...untracked.split('\0')].filter(Boolean);
  return [...new Set(names.map((n) => path.join(top, n)))];
}
