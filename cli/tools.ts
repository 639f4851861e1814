// The commands besides fmt and check, bundled together as dist/cli-tools.js (see scripts/build.mjs).
export { runRender } from './render';
export { runRun } from './run';
export { runTest } from './test';
