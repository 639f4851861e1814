// Starting code-server (VS Code 1.100.3 in the browser) as the e2e runner and `npm run demo` do: on
// 127.0.0.1 without authentication, with a fresh user-data dir, in its own process group.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_DIR, CODE_SERVER_ENTRY, REPO_ROOT } from './paths';
import { writeUserSettings } from './prepare';
import { Child, freePort, spawnLogged, waitFor } from './proc';

const SERVER_START_TIMEOUT = 60_000;

export interface CodeServerDirs {
  /** Working folder; holds the generated code-server.yaml. */
  root: string;
  userData: string;
  extensions: string;
  codeServerLog: string;
}

export interface CodeServer {
  child: Child;
  origin: string;
  /** The workbench on `folder`, with the extension of this repository loaded, plus `payload` entries. */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** A path of this machine as the workbench sees it. */
  remote(p: string): string;
}

export function isCodeServerInstalled(): boolean {
  return fs.existsSync(CODE_SERVER_ENTRY) && fs.existsSync(path.join(CODE_SERVER_DIR, '.e2e-installed'));
}

/** Starts code-server and waits until it answers /healthz; `port` 0 picks a free one. */
export async function startCodeServer(dirs: CodeServerDirs, env: NodeJS.ProcessEnv, port = 0): Promise<CodeServer> {
  if (!isCodeServerInstalled()) throw new Error(`code-server is not installed in ${CODE_SERVER_DIR}: run scripts/e2e-setup.sh`);
  const bound = port || (await freePort());
  const origin = `http://127.0.0.1:${bound}`;
  writeUserSettings(dirs.userData);
  const config = path.join(dirs.root, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${bound}\nauth: none\ncert: false\n`);
  const child = spawnLogged(
    'code-server',
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--config', config,
      '--bind-addr', `127.0.0.1:${bound}`,
      '--auth', 'none',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--locale', 'en',
    ],
    dirs.codeServerLog,
    { cwd: dirs.root, env },
  );
  await waitFor(
    'code-server to answer /healthz',
    async () => {
      if (child.hasExited()) throw new Error('code-server exited during start-up');
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    },
    SERVER_START_TIMEOUT,
  ).catch(async (e: unknown) => {
    const exited = child.hasExited();
    await child.kill();
    throw exited ? new Error('code-server exited during start-up') : e;
  });
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${bound}${p}`;
  return {
    child,
    origin,
    remote,
    workbenchUrl: (folder, payload = []) =>
      `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', remote(REPO_ROOT)], ...payload]))}`,
  };
}
