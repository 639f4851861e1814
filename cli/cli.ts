// Command-line entry: `node dist/cli.js <command> …`.
import { runCheck } from './check';
import { runFmt } from './fmt';
import { runRender } from './render';
import { runRun } from './run';
import { runTest } from './test';

const usage = `Usage: tb-datafiles <command> [options]

Commands:
  fmt    format datafiles like tb fmt (--check, --write, --diff)
  render print the SQL a node's template renders to (--batch: JSON Lines on stdin)
  check  run the diagnostics on datafiles (--engine: with the embedded ClickHouse)
  run    run pipes offline on the embedded ClickHouse
  test   run pipe test files offline (test run [PATHS] [--junit FILE], test update)
`;

const commands: Record<string, (args: string[]) => number | Promise<number>> = {
  fmt: runFmt,
  check: runCheck,
  render: runRender,
  run: runRun,
  test: runTest,
};

function main(argv: string[]): number | Promise<number> {
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

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
