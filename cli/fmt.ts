// `tb-datafiles fmt [--check|--write|--diff] [--line-length N] PATHS…`: tb fmt for many files at once.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatDatafile, unifiedDiff } from '../server/format';
import { findDatafilesSync, SKIPPED_DIRECTORIES } from '../server/workspace/discovery';
import { readForRewrite, rewrite } from './safeWrite';

export const FMT_USAGE = `Usage: tb-datafiles fmt [--check | --write | --diff] [--line-length N] PATHS...

Formats .datasource, .pipe and .incl files exactly like \`tb fmt\` (tinybird-cli 5.x).
Folders are searched recursively (${[...SKIPPED_DIRECTORIES].join(', ')} are skipped).

  (no mode)        print the formatted text of each file
  --check          list the files that would change; exit 1 if any
  --write          rewrite the files that change, in place (through symlinks, keeping owner, mode
                   and hard links; a file edited meanwhile is skipped)
  --allow-read-only  with --write, also rewrite read-only files
  --diff           print a unified diff for each file that would change; exit 1 if any
  --line-length N  maximum SQL line length (default 100)

Files tb fmt would refuse (including bytes that are not UTF-8) and files that cannot be written are
reported on stderr with the reason; the other files are still processed, and the exit code is 2.
`;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Colour diffs (stdout is a terminal). */
  color: boolean;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY),
};

type Mode = 'print' | 'check' | 'write' | 'diff';

interface FmtArgs {
  mode: Mode;
  allowReadOnly: boolean;
  lineLength?: number;
  paths: string[];
}

function parseArgs(argv: string[]): FmtArgs | string {
  const args: FmtArgs = { mode: 'print', allowReadOnly: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const mode = ({ '--check': 'check', '--write': 'write', '--diff': 'diff' } as const)[arg];
    if (mode) {
      if (args.mode !== 'print' && args.mode !== mode) return `${arg} cannot be combined with --${args.mode}`;
      args.mode = mode;
    } else if (arg === '--allow-read-only') {
      args.allowReadOnly = true;
    } else if (arg === '--line-length' || arg.startsWith('--line-length=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value || !/^\d+$/.test(value) || Number(value) <= 0) return `--line-length needs a positive integer, got ${value ?? 'nothing'}`;
      args.lineLength = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option: ${arg}`;
    } else {
      args.paths.push(arg);
    }
  }
  return args.paths.length ? args : 'no PATHS given';
}

/** The datafiles under `path`, sorted; a file path is returned as given. */
function collect(path: string): string[] {
  return statSync(path).isDirectory() ? findDatafilesSync(path) : [path];
}

function colorDiff(diff: string): string {
  const colors: Record<string, string> = { '+': '\x1b[32m', '-': '\x1b[31m', '@': '\x1b[36m' };
  return diff.replace(/^([-+@]).*$/gm, (line, first: string) => `${colors[first]}${line}\x1b[39m`);
}

export function runFmt(argv: string[], io: CliIO = processIO): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(FMT_USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`tb-datafiles fmt: ${args}\n${FMT_USAGE}`);
    return 2;
  }
  const changed: string[] = [];
  let refused = 0;
  for (const root of args.paths) {
    let files: string[];
    try {
      files = collect(root);
    } catch (e) {
      io.err(`${root}: ${(e as Error).message}\n`);
      refused++;
      continue;
    }
    for (const file of files) {
      const read = readForRewrite(file);
      if (!read.ok) {
        io.err(`${file}: ${read.error}\n`);
        refused++;
        continue;
      }
      const text = read.text;
      const result = formatDatafile(text, file, { lineLength: args.lineLength });
      if (!result.ok) {
        io.err(`${file}: ${result.error}\n`);
        refused++;
        continue;
      }
      if (args.mode === 'print') io.out(result.text);
      if (result.text === text) continue;
      if (args.mode === 'write') {
        const failure = rewrite(read, result.text, { allowReadOnly: args.allowReadOnly });
        if (failure) {
          io.err(`${file}: ${failure}\n`);
          refused++;
          continue;
        }
      }
      changed.push(file);
      if (args.mode === 'check') io.out(`${file}\n`);
      if (args.mode === 'diff') {
        const diff = unifiedDiff(text, result.text, `${basename(file)} local`, 'fmt datafile');
        io.out(io.color ? colorDiff(diff) : diff);
      }
    }
  }
  if (args.mode === 'write' && changed.length) io.err(`formatted ${changed.length} file(s)\n`);
  if ((args.mode === 'check' || args.mode === 'diff') && changed.length) {
    io.err(`${changed.length} file(s) need formatting; run tb-datafiles fmt --write on them\n`);
  }
  if (refused) return 2;
  return changed.length && (args.mode === 'check' || args.mode === 'diff') ? 1 : 0;
}
