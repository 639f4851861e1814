// `tb-datafiles fmt [--check|--write|--diff] [--line-length N] PATHS…`: tb fmt for many files at once.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatDatafile, unifiedDiff } from '../server/format';
import { TextMemo } from '../server/diagnostics/support/textMemo';
import { SKIPPED_DIRECTORIES } from '../server/workspace/discovery';
import { githubCommand } from './ciFormats';
import { EXIT_CODES, expandTargets, useColor } from './common';
import { FmtCache, formatInputs } from './fmtCache';
import { readForRewrite, rewrite } from './safeWrite';

export const FMT_USAGE = `Usage: tb-datafiles fmt [--check | --write | --diff] [options] PATHS...
       tb-datafiles fmt --stdin-filepath PATH [--line-length N]

Formats .datasource, .pipe and .incl files exactly like \`tb fmt\` (tinybird-cli 5.x). PATHS are files,
folders (searched recursively; ${[...SKIPPED_DIRECTORIES].join(', ')} are skipped) or quoted globs
('pipes/**/*.pipe').

  (no mode)        print the formatted text of each file
  --check          list the files that would change; exit 1 if any
  --write          rewrite the files that change, in place (through symlinks, keeping owner, mode
                   and hard links; a file edited meanwhile is skipped)
  --allow-read-only  with --write, also rewrite read-only files
  --diff           print a unified diff for each file that would change; exit 1 if any
  --line-length N  maximum SQL line length (default 100)
  --stdin-filepath PATH  format the text on stdin as the file PATH (its kind, and the folder INCLUDE
                   paths are relative to) and print it; PATH need not exist
  --format text|github  with --check or --diff: github prints workflow commands (::error file=…)
                   so that the files show on the pull request
  --quiet          print only errors (no file list, no summary)
  --no-cache       format every file: by default --check, --diff and --write skip the files found
                   formatted before with the same content, settings, tool version and \$VAR values
                   (cache in \$TB_DATAFILES_CACHE_DIR, else ./node_modules/.cache/tb-datafiles,
                   else \$XDG_CACHE_HOME/tb-datafiles)

Files tb fmt would refuse (including bytes that are not UTF-8) and files that cannot be written are
reported on stderr with the reason; the other files are still processed, and the exit code is 2.
${EXIT_CODES}
`;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Colour diffs (NO_COLOR / FORCE_COLOR, else stdout is a terminal). */
  color: boolean;
  /** The text on standard input. */
  stdin?(): string;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: useColor(process.stdout),
  stdin: () => readFileSync(0, 'utf8'),
};

type Mode = 'print' | 'check' | 'write' | 'diff';

interface FmtArgs {
  mode: Mode;
  allowReadOnly: boolean;
  lineLength?: number;
  stdinFilepath?: string;
  format: 'text' | 'github';
  quiet: boolean;
  cache: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): FmtArgs | string {
  const args: FmtArgs = { mode: 'print', allowReadOnly: false, format: 'text', quiet: false, cache: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]);
    const option = arg.split('=')[0];
    const mode = ({ '--check': 'check', '--write': 'write', '--diff': 'diff' } as const)[arg];
    if (mode) {
      if (args.mode !== 'print' && args.mode !== mode) return `${arg} cannot be combined with --${args.mode}`;
      args.mode = mode;
    } else if (arg === '--allow-read-only') {
      args.allowReadOnly = true;
    } else if (arg === '--quiet' || arg === '-q') {
      args.quiet = true;
    } else if (arg === '--no-cache') {
      args.cache = false;
    } else if (option === '--line-length') {
      const v = value();
      if (!v || !/^\d+$/.test(v) || Number(v) <= 0) return `--line-length needs a positive integer, got ${v ?? 'nothing'}`;
      args.lineLength = Number(v);
    } else if (option === '--stdin-filepath') {
      const v = value();
      if (!v) return '--stdin-filepath needs a PATH';
      args.stdinFilepath = v;
    } else if (option === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'github') return `--format must be text or github, not '${v ?? ''}'`;
      args.format = v;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option: ${arg}`;
    } else {
      args.paths.push(arg);
    }
  }
  if (args.stdinFilepath !== undefined) {
    if (args.paths.length || args.mode !== 'print') return '--stdin-filepath takes no PATHS and no --check/--write/--diff';
    return args;
  }
  if (args.format === 'github' && args.mode !== 'check' && args.mode !== 'diff') return '--format github needs --check or --diff';
  return args.paths.length ? args : 'no PATHS given';
}

function colorDiff(diff: string): string {
  const colors: Record<string, string> = { '+': '\x1b[32m', '-': '\x1b[31m', '@': '\x1b[36m' };
  return diff.replace(/^([-+@]).*$/gm, (line, first: string) => `${colors[first]}${line}\x1b[39m`);
}

/** The 1-based line where two texts first differ. */
function firstDifferentLine(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let line = 1;
  for (let k = a.indexOf('\n'); k !== -1 && k < i; k = a.indexOf('\n', k + 1)) line++;
  return line;
}

function formatStdin(args: FmtArgs, io: CliIO): number {
  const file = args.stdinFilepath!;
  const text = (io.stdin ?? processIO.stdin!)();
  const result = formatDatafile(text, file, { lineLength: args.lineLength });
  if (!result.ok) {
    io.err(`${file}: ${result.error}\n`);
    return 2;
  }
  io.out(result.text);
  return 0;
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
  if (args.stdinFilepath !== undefined) return formatStdin(args, io);
  const github = args.format === 'github';
  const refuse = (file: string, reason: string): void => io.err(github ? githubCommand({ file, severity: 'error', title: 'tb-datafiles fmt', message: reason }) : `${file}: ${reason}\n`);
  const changed: string[] = [];
  const cache = args.cache && args.mode !== 'print' ? new FmtCache(args.lineLength) : undefined;
  const targets = expandTargets(args.paths);
  // black's answers for the tags' code, which repeats across files (bounded by the code's length)
  const memo = new TextMemo(1 << 20);
  let refused = targets.problems.length;
  for (const problem of targets.problems) io.err(`${problem}\n`);
  for (const file of targets.files) {
    const read = readForRewrite(file);
    if (!read.ok) {
      refuse(file, read.error);
      refused++;
      continue;
    }
    const text = read.text;
    const inputs = cache && formatInputs(text, read.hash);
    if (cache?.isClean(read.realPath, inputs)) continue;
    const result = formatDatafile(text, file, { lineLength: args.lineLength, memo });
    if (!result.ok) {
      cache?.forget(read.realPath);
      refuse(file, result.error);
      refused++;
      continue;
    }
    if (args.mode === 'print') io.out(result.text);
    if (result.text === text) {
      cache?.markClean(read.realPath, inputs);
      continue;
    }
    cache?.forget(read.realPath);
    if (args.mode === 'write') {
      const failure = rewrite(read, result.text, { allowReadOnly: args.allowReadOnly });
      if (failure) {
        refuse(file, failure);
        refused++;
        continue;
      }
    }
    changed.push(file);
    if (github) {
      const line = firstDifferentLine(text, result.text);
      io.out(githubCommand({ file, line, severity: 'error', title: 'tb-datafiles fmt', message: `not formatted like tb fmt (first difference at line ${line}); run tb-datafiles fmt --write ${file}` }));
    } else if (args.mode === 'check' && !args.quiet) io.out(`${file}\n`);
    if (args.mode === 'diff' && !github) {
      const diff = unifiedDiff(text, result.text, `${basename(file)} local`, 'fmt datafile');
      io.out(io.color ? colorDiff(diff) : diff);
    }
  }
  cache?.save();
  if (!args.quiet && args.mode === 'write' && changed.length) io.err(`formatted ${changed.length} file(s)\n`);
  if (!args.quiet && (args.mode === 'check' || args.mode === 'diff') && changed.length) {
    io.err(`${changed.length} file(s) need formatting; run tb-datafiles fmt --write on them\n`);
  }
  if (refused) return 2;
  return changed.length && (args.mode === 'check' || args.mode === 'diff') ? 1 : 0;
}
