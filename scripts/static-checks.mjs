// The type check and the lint of `npm test`, side by side: each is one process that mostly waits on
// its own core, so together they take about as long as the longer one. Both always run to the end,
// so one run reports every type error and every lint finding.
import { spawn } from 'node:child_process';

const npm = process.env.npm_execpath;
const run = (script) =>
  new Promise((resolve) => {
    const child = npm ? spawn(process.execPath, [npm, 'run', '--silent', script], { stdio: 'inherit' }) : spawn('npm', ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('close', (code) => resolve({ script, code }));
  });

const results = await Promise.all(['typecheck', 'lint'].map(run));
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) console.error(`npm run ${r.script} failed (exit code ${r.code})`);
process.exit(failed.length === 0 ? 0 : 1);
