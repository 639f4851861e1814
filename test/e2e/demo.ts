// `npm run demo`: a real VS Code in the browser (code-server, as installed for the e2e suite) with this
// extension loaded on a temporary copy of ../shared/corpus/crowd.dev. Prints the URL to open and runs
// until Ctrl-C, which stops code-server and removes the copy.
// Environment: DEMO_PORT (default: a free port), DEMO_SKIP_SETUP=1, DEMO_SKIP_BUILD=1.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from './lib/codeServer';
import { existingCorpusDir, REPO_ROOT } from './lib/paths';
import { buildExtension } from './lib/prepare';
import { tail } from './lib/proc';

async function main(): Promise<void> {
  if (!process.env.DEMO_SKIP_SETUP) {
    const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'e2e-setup.sh')], { stdio: 'inherit', timeout: 30 * 60_000 });
    if (r.status !== 0) throw new Error(`scripts/e2e-setup.sh failed (status ${r.status ?? r.signal})`);
  }
  if (!process.env.DEMO_SKIP_BUILD) buildExtension();
  const corpus = existingCorpusDir();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-datafiles-demo-'));
  // Runs on every exit, including the one after Ctrl-C (test/e2e/lib/proc.ts kills code-server first).
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 }));
  const workspace = path.join(root, 'crowd.dev');
  fs.cpSync(corpus, workspace, { recursive: true });
  const dirs = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), codeServerLog: path.join(root, 'code-server.log') };
  fs.mkdirSync(dirs.extensions);
  const server = await startCodeServer(dirs, process.env, Number(process.env.DEMO_PORT) || 0);
  const url = server.workbenchUrl(workspace, [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]);
  process.stdout.write(`\nVS Code with the Tinybird Datafiles extension, on a copy of crowd.dev (${workspace}):\n\n  ${url}\n\nPress Ctrl-C to stop (the copy is removed).\n`);
  const { code, signal } = await server.child.exited;
  throw new Error(`code-server stopped (${signal ?? `exit code ${code}`}); the end of its log:\n${tail(dirs.codeServerLog, 20)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
