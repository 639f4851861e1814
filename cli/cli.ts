// Command-line entry: `node dist/cli.js <command> …`.
import { runCheck } from './check';
import { runFmt } from './fmt';
import { runRender } from './render';

const usage = `Usage: tb-datafiles <command> [options]

Commands:
  fmt    format datafiles like tb fmt (--check, --write, --diff)
  check  run the diagnostics on datafiles
  render print the SQL a node's template renders to (--batch: JSON Lines on stdin)
`;

const commands: Record<string, (args: string[]) => number> = {
  fmt: runFmt,
  check: runCheck,
  render: runRender,
};

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (run) return run(args);
  process.stderr.write(`unknown command: ${command}\n${usage}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
