// Process and waiting helpers for the runners: every wait has a timeout, every child is killed.
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export class TimeoutError extends Error {}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects with a TimeoutError if `p` does not settle in time. */
export function withTimeout<T>(what: string, p: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)}s: ${what}`)), timeoutMs);
    }),
  ]);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  name: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Kills the whole process group (the child and everything it spawned). Safe to call twice. */
  kill(): Promise<void>;
}

/**
 * Spawns `cmd` in its own process group with stdout+stderr appended to `logFile`,
 * so that kill() also ends its descendants (extension host, language server, renderers).
 */
export function spawnLogged(name: string, cmd: string, args: string[], logFile: string, opts: SpawnOptions = {}): Child {
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    proc.on('error', (err) => {
      done = true;
      fs.appendFileSync(logFile, `\n[e2e] failed to spawn ${cmd}: ${err.message}\n`);
      resolve({ code: -1, signal: null });
    });
  });
  const killGroup = (sig: NodeJS.Signals) => {
    if (proc.pid === undefined) return;
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // group already gone
    }
  };
  const child: Child = {
    proc,
    name,
    exited,
    hasExited: () => done,
    async kill() {
      killGroup('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      // SIGKILL the group in any case: the leader may be gone while descendants linger.
      killGroup('SIGKILL');
      if (!gone) await Promise.race([exited, sleep(2000)]);
    },
  };
  liveChildren.add(child);
  void exited.then(() => liveChildren.delete(child));
  return child;
}

const liveChildren = new Set<Child>();

/** Last resort: on exit/signals, kill every process group we started. */
function killAllSync(): void {
  for (const c of liveChildren) {
    if (c.proc.pid !== undefined) {
      try {
        process.kill(-c.proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    killAllSync();
    process.exit(130);
  });
}

export function tail(file: string, lines = 40): string {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/**
 * Kills every descendant of this process, by pid (Linux /proc): SIGTERM, then SIGKILL after a
 * grace period. For processes we did not spawn ourselves, e.g. the VS Code that
 * @vscode/test-electron's runTests() starts (and its renderer / extension host children).
 */
export async function killDescendants(graceMs = 3000): Promise<void> {
  if (process.platform !== 'linux') return;
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may contain spaces, so split after the last ')'.
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const ours = new Set<number>([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!ours.has(pid) && ours.has(ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  ours.delete(process.pid);
  const signal = (sig: NodeJS.Signals) => {
    for (const pid of ours) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  await sleep(graceMs);
  signal('SIGKILL');
}
