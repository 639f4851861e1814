// Runs the built CLI in a child process, as CI would run the installed command.
import { runCli } from '../support/cliProcess';
import { tempTree } from '../support/tempTree';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const r = runCli(args, { input: options.input, env, cwd: options.cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temporary project folder holding `files` (relative path → text). */
export function project(files: Record<string, string>): string {
  return tempTree('tb-cli-', files);
}
