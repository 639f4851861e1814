// Command-line entry: `node dist/cli.js <command> …`. Commands are imported when run, so `fmt` never
// initialises the diagnostics, the template engine or the embedded-engine client.
import { EXIT_CODES, VERSION } from './common';

const usage = `Usage: tb-datafiles <command> [options]   (tb-datafiles <command> --help for its options)

Commands:
  fmt    format datafiles like tb fmt (--check, --write, --diff, --stdin-filepath)
  check  run the diagnostics on datafiles (--format text|json|github|sarif, --engine)
  render print the SQL a node's template renders to (--batch: JSON Lines on stdin)
  run    run pipes offline on the embedded ClickHouse

  --version  print the version
  --help     print this help

${EXIT_CODES}
Colour: NO_COLOR=1 turns it off, FORCE_COLOR=1 turns it on (default: on when stdout is a terminal).
`;

type Command = (args: string[]) => number | Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  fmt: async () => (await import('./fmt.js')).runFmt,
  check: async () => (await import('./check.js')).runCheck,
  render: async () => (await import('./render.js')).runRender,
  run: async () => (await import('./run.js')).runRun,
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
  if (load) return (await load())(args);
  process.stderr.write(`unknown command: ${command}\n${usage}`);
  return 2;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
