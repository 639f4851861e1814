// Runs the CLI from its sources in a child process, as CI would run the installed command.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tempTree } from '../support/tempTree';

const CLI = path.resolve(__dirname, '..', '..', 'cli', 'cli.ts');
// Absolute, so that the CLI can run with another working directory.
const TSX = require.resolve('tsx');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { encoding: 'utf8', input: options.input ?? '', env, cwd: options.cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temporary project folder holding `files` (relative path → text). */
export function project(files: Record<string, string>): string {
  return tempTree('tb-cli-', files);
}
