// `npm run bench`: bundles bench/run.ts the way the product is bundled (esbuild, BUNDLE_OPTIONS), then
// runs it. Not through tsx: its loader keeps every function's name by naming each function object it
// creates at run time, which made the in-process figures 1.5-1.8 times the shipped bundles'.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './esbuild-options.mjs';

const outfile = 'dist/bench/run.js';
await build({ ...BUNDLE_OPTIONS, entryPoints: ['bench/run.ts'], outfile, external: ['chdb'] });
const run = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
