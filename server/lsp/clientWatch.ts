// Ends the server when its client is gone, even if the main thread is stuck in a long computation:
// a worker thread polls the process that started the server and, once initialize names it, the
// client process, and kills this process when either has exited. (vscode-languageserver's own
// check runs on the main thread, so a busy loop would starve it.)
import { Worker } from 'node:worker_threads';

const POLL_MS = 1000;

const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
let client;
parentPort.on('message', (pid) => { client = pid; });
parentPort.unref();
const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
};
setInterval(() => {
  const orphaned = process.ppid !== workerData.parent;
  if (orphaned || (client && !alive(client))) process.kill(process.pid, 'SIGKILL');
}, workerData.pollMs);
`;

export class ClientWatch {
  private readonly worker = new Worker(WATCHER, { eval: true, workerData: { parent: process.ppid, pollMs: POLL_MS } });

  constructor() {
    this.worker.unref();
  }

  /** Also watch the client process named by initialize's `processId`. */
  watchClientProcess(processId: number | null | undefined): void {
    if (processId) this.worker.postMessage(processId);
  }
}
