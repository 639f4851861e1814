// Command-line entry: `node dist/cli.js <command> …`. Commands are loaded when run (in dist/ from
// bundles of their own, see scripts/build.mjs, through the code cache), so `fmt` never loads the
// diagnostics, the template engine or the embedded-engine client. From the sources (tsx), they are
// required. require, not import(): Node would scan a bundle for ESM exports.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadBundle } from './codeCache';
import { EXIT_CODES, VERSION } from './common';

const usage = `Usage: tb-datafiles <command> [options]   (tb-datafiles <command> --help for its options)

Commands:
  fmt    format datafiles like tb fmt (--check, --write, --diff, --stdin-filepath)
  check  run the diagnostics on datafiles (--format text|json|github|sarif, --engine)
  render print the SQL a node's template renders to (--batch: JSON Lines on stdin)
  run    run pipes offline on the embedded ClickHouse
  test   run pipe test files offline (test run [PATHS] [--junit FILE], test update)

  --version  print the version
  --help     print this help

${EXIT_CODES}
Colour: NO_COLOR=1 turns it off, FORCE_COLOR=1 turns it on (default: on when stdout is a terminal).
`;

type Command = (args: string[]) => number | Promise<number>;

interface LoadedCommand {
  run: Command;
  /** Stores the code cache once the command has run. */
  save(): void;
}

/** A command from its bundle beside this file through the code cache, else (from the sources) by require. */
function loadCommand<T>(bundle: string, fromSources: () => T, pick: (module: T) => Command): LoadedCommand {
  const file = path.join(__dirname, bundle);
  if (!existsSync(file)) return { run: pick(fromSources()), save: () => {} };
  const loaded = loadBundle(file);
  return { run: pick(loaded.exports as T), save: loaded.save };
}

const fmt = (): typeof import('./fmt.js') => require('./fmt.js') as typeof import('./fmt.js');
const check = (): typeof import('./check.js') => require('./check.js') as typeof import('./check.js');
const tools = (): typeof import('./tools.js') => require('./tools.js') as typeof import('./tools.js');

/**
 * V8's interrupt budget (bytecode run between tiering decisions) times 8 for fmt and check: with the
 * default, a run of a few hundred milliseconds spends much of its CPU optimizing functions early (on
 * little type feedback, some deoptimized and optimized again) that the rest of the run barely uses.
 * On the corpus this takes about a third off their CPU time; the output is unchanged.
 */
const INTERRUPT_BUDGET = 8 * 66 * 1024;

function shortRun<T>(load: () => T): () => T {
  return () => {
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    return load();
  };
}

const commands: Record<string, () => LoadedCommand> = {
  fmt: shortRun(() => loadCommand('cli-fmt.js', fmt, (m) => m.runFmt)),
  check: shortRun(() => loadCommand('cli-check.js', check, (m) => m.runCheck)),
  render: () => loadCommand('cli-tools.js', tools, (m) => m.runRender),
  run: () => loadCommand('cli-tools.js', tools, (m) => m.runRun),
  test: () => loadCommand('cli-tools.js', tools, (m) => m.runTest),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--version' || command === '-V' || (command && commands[command] && args[0] === '--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  const load = commands[command];
  if (!load) {
    process.stderr.write(`unknown command: ${command}\n${usage}`);
    return 2;
  }
  const { run, save } = load();
  const code = await run(args);
  save();
  return code;
}

/** Exit code of a run whose reader went away (`| head`), as a Unix tool killed by SIGPIPE. */
const BROKEN_PIPE = 141;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(BROKEN_PIPE);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
