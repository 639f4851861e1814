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

const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // chDB is native and large: resolved at run time from node_modules or tinybird.engine.path.
  { entryPoints: ['server/engine/main.ts'], outfile: 'dist/engine.js', external: ['chdb'] },
];

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (!watch) console.log('built dist/extension.js, dist/server.js, dist/cli.js, dist/engine.js');
