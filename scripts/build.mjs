// Bundles the extension (client), the language server and the CLI into dist/.
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './esbuild-options.mjs';

const watch = process.argv.includes('--watch');

// The CLI is four bundles, so that each command loads only what it needs: dist/cli.js (the dispatcher),
// dist/cli-fmt.js, dist/cli-check.js and dist/cli-tools.js (render, run, test), which the dispatcher
// loads through its code cache (cli/codeCache.ts). Its `require('./fmt.js')` etc., for runs from the
// sources, stay requires of those files instead of bundling the commands into dist/cli.js.
const CLI_BUNDLES = { fmt: 'cli-fmt', check: 'cli-check', tools: 'cli-tools' };
const cliCommands = {
  name: 'cli-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/(fmt|check|tools)\.js$/ }, (args) => ({ path: `./${CLI_BUNDLES[args.path.slice(2, -3)]}.js`, external: true }));
  },
};

const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // dist/server.js is a launcher that loads the server (dist/server-core.js) through a code cache.
  { entryPoints: ['server/launch.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server-core.js' },
  { entryPoints: ['cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [cliCommands] },
  { entryPoints: ['cli/fmt.ts'], outfile: 'dist/cli-fmt.js' },
  { entryPoints: ['cli/check.ts'], outfile: 'dist/cli-check.js' },
  { entryPoints: ['cli/tools.ts'], outfile: 'dist/cli-tools.js' },
  // chDB is native and large: resolved at run time from node_modules or tinybird.engine.path.
  { entryPoints: ['server/engine/main.ts'], outfile: 'dist/engine.js', external: ['chdb'] },
];

await Promise.all(entries.map((e) => build({ ...BUNDLE_OPTIONS, ...e })));
if (!watch) console.log('built dist/extension.js, dist/server.js (+ server-core.js), dist/cli.js (+ cli-fmt.js, cli-check.js, cli-tools.js), dist/engine.js');
