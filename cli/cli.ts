// Command-line entry: `node dist/cli.js <command> …`. Commands are required when run (in dist/ from
// bundles of their own, see scripts/build.mjs), so `fmt` never loads the diagnostics, the template
// engine or the embedded-engine client. require, not import(): Node would scan a bundle for ESM exports.
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

const commands: Record<string, () => Command> = {
  fmt: () => (require('./fmt.js') as typeof import('./fmt.js')).runFmt,
  check: () => (require('./check.js') as typeof import('./check.js')).runCheck,
  render: () => (require('./render.js') as typeof import('./render.js')).runRender,
  run: () => (require('./run.js') as typeof import('./run.js')).runRun,
  test: () => (require('./test.js') as typeof import('./test.js')).runTest,
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
  if (load) return load()(args);
  process.stderr.write(`unknown command: ${command}\n${usage}`);
  return 2;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
