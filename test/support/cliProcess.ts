// The CLI as a whole process, as a user or CI runs it: the built bundle (`npm test` builds it
// first), never the sources through a TypeScript loader, which would add ~1 s of compiling per run.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './shared';

export const CLI_BUNDLE = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs `tb-datafiles args…` to completion. */
export function runCli(args: string[], options: CliOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8', input: options.input ?? '', env: options.env ?? process.env, cwd: options.cwd });
}

/** Starts `tb-datafiles args…` without waiting for it. */
export function startCli(args: string[], options: Omit<CliOptions, 'input'> = {}): ChildProcess {
  return spawn(process.execPath, [CLI_BUNDLE, ...args], { env: options.env ?? process.env, cwd: options.cwd, stdio: 'ignore' });
}
