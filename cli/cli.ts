// Command-line entry: `node dist/cli.js <command> …`.
const usage = `Usage: tb-datafiles <command> [options]

Commands:
  fmt    format datafiles like tb fmt (--check, --write, --diff)
  check  run the diagnostics on datafiles
`;

function main(argv: string[]): number {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  process.stderr.write(`unknown command: ${command}\n${usage}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
