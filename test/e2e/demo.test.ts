// `npm run demo` (test/e2e/demo.ts): code-server starts on a temporary copy of the corpus, the printed
// URL serves the workbench, and SIGINT (Ctrl-C) stops code-server and removes the copy.
// Run by `npm run test:e2e` after its suite (code-server is installed by then, the build is fresh).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CORPUS, REPO_ROOT } from '../support/corpus';

test('npm run demo serves VS Code on a copy of the corpus and Ctrl-C removes the copy', { timeout: 180_000 }, async () => {
  const demo = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test', 'e2e', 'demo.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DEMO_SKIP_SETUP: '1', DEMO_SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (d: Buffer) => (output += d.toString()));
  demo.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => demo.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    const started = await Promise.race([
      new Promise<RegExpExecArray>((resolve) => {
        const poll = setInterval(() => {
          const m = /on a copy of crowd\.dev \((.+)\):\n\n {2}(http:\/\/127\.0\.0\.1:\d+\/\S+)\n/.exec(output);
          if (m) resolve(m), clearInterval(poll);
        }, 200);
        void exited.then(() => clearInterval(poll));
      }),
      exited.then(({ code }) => assert.fail(`the demo exited (${code}) before printing its URL:\n${output}`)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no URL after 150 s:\n${output}`)), 150_000).unref()),
    ]);
    const [, workspace, url] = started;
    const folder = new URL(url).searchParams.get('folder');
    assert.equal(folder, workspace);
    assert.notEqual(path.resolve(workspace), path.resolve(CORPUS), 'a copy, not the corpus itself');
    assert.deepEqual(fs.readdirSync(path.join(workspace, 'pipes')).sort(), fs.readdirSync(path.join(CORPUS, 'pipes')).sort());
    const payload = JSON.parse(new URL(url).searchParams.get('payload') ?? '[]') as [string, string][];
    assert.ok(payload.some(([key, value]) => key === 'extensionDevelopmentPath' && value.endsWith(REPO_ROOT)), 'the extension of this repository is loaded');

    const page = await fetch(url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html/i);
    assert.match(html, /workbench/);

    demo.kill('SIGINT');
    const { code } = await exited;
    assert.equal(code, 130, output);
    assert.equal(fs.existsSync(path.dirname(workspace)), false, 'the temporary copy is removed');
    await assert.rejects(fetch(url, { signal: AbortSignal.timeout(5000) }), 'code-server is stopped');
  } finally {
    // Ctrl-C first, so that the demo stops code-server even when an assertion failed.
    if (demo.exitCode === null && demo.signalCode === null) {
      demo.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      demo.kill('SIGKILL');
    }
  }
});
