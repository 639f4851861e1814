// Bundles the extension (client), the language server and the CLI into dist/.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

// The CLI is three bundles, so that `fmt` loads only the formatter: dist/cli.js (the dispatcher),
// dist/cli-fmt.js, and dist/cli-tools.js (check, render, run, test). The dispatcher's `import('./fmt.js')`
// etc. become requires of those files.
const CLI_BUNDLES = { fmt: 'cli-fmt', check: 'cli-tools', render: 'cli-tools', run: 'cli-tools', test: 'cli-tools' };
const cliCommands = {
  name: 'cli-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/(fmt|check|render|run|test)\.js$/ }, (args) => ({ path: `./${CLI_BUNDLES[args.path.slice(2, -3)]}.js`, external: true }));
  },
};

const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [cliCommands] },
  { entryPoints: ['cli/fmt.ts'], outfile: 'dist/cli-fmt.js' },
  {
    stdin: { contents: "export { runCheck } from './check'; export { runRender } from './render'; export { runRun } from './run'; export { runTest } from './test';", resolveDir: 'cli', loader: 'ts', sourcefile: 'cli/tools.ts' },
    outfile: 'dist/cli-tools.js',
  },
  // chDB is native and large: resolved at run time from node_modules or tinybird.engine.path.
  { entryPoints: ['server/engine/main.ts'], outfile: 'dist/engine.js', external: ['chdb'] },
];

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (!watch) console.log('built dist/extension.js, dist/server.js, dist/cli.js (+ cli-fmt.js, cli-tools.js), dist/engine.js');
