// `npm run bench`: bundles bench/run.ts the way the product is bundled (esbuild, as scripts/build.mjs),
// then runs it. Not through tsx: its loader keeps every function's name by naming each function object
// it creates at run time, which made the in-process figures 35-50 % slower than the shipped bundles.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'dist/bench/run.js';
await build({ entryPoints: ['bench/run.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', external: ['chdb'] });
const run = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
