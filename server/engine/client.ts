// The client side of the engine: starts dist/engine.js lazily in a child process, sends typed
// requests, restarts a crashed engine once (replaying its tables) and reports the crash.
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineProject } from '../protocol';
import type { EngineLimits, EngineOp, EngineResponses, FromEngine, RequestOf, TableStatement, ToEngine } from './protocol';

export const DEFAULT_LIMITS: EngineLimits = { maxExecutionTime: 10, maxMemoryUsage: 2_000_000_000 };

export type EngineState = EngineProject['state'];

export interface EngineClientOptions {
  /** Path of engine.js (default: next to the running bundle). */
  enginePath?: string;
  /** Node options for the child, e.g. `['--import', 'tsx']` to run main.ts from source. */
  execArgv?: string[];
  /** Environment of the child, e.g. NODE_PATH to find chDB outside node_modules. */
  env?: NodeJS.ProcessEnv;
  limits?: EngineLimits;
  /** Called once when the engine crashed and was restarted, and when it crashed again (failed). */
  onCrash?: (info: { restarted: boolean; detail: string }) => void;
}

export class EngineCrashedError extends Error {}

/** What analyses and runs need of an engine: its requests (an EngineClient, or one kept to a database by inDatabase). */
export interface EngineRequester {
  request<O extends EngineOp>(request: RequestOf<O>): Promise<EngineResponses[O]>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The engine bundled next to the running script, or `dist/engine.js` of this repository from source. */
export function defaultEnginePath(): string {
  const bundled = path.join(__dirname, 'engine.js');
  return fs.existsSync(bundled) ? bundled : path.resolve(__dirname, '../../dist/engine.js');
}

export class EngineClient {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashes = 0;
  private dataDir?: string;
  /** Tables created so far, replayed after a restart. */
  private readonly tables: TableStatement[] = [];
  state: EngineState = 'stopped';
  /** Milliseconds from fork to a ready chDB session, for the last start. */
  startMs = 0;

  constructor(private readonly options: EngineClientOptions = {}) {}

  /** The temporary directory of the running engine's data. */
  get dataDirectory(): string | undefined {
    return this.child ? this.dataDir : undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): Promise<void> {
    const began = performance.now();
    this.state = this.crashes ? 'restarted' : 'starting';
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-engine-'));
    const dataDir = this.dataDir;
    const child = fork(this.options.enginePath ?? defaultEnginePath(), [], {
      execArgv: this.options.execArgv ?? [],
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: FromEngine) => {
        if ('ready' in message) {
          this.startMs = performance.now() - began;
          if (this.state === 'starting') this.state = 'ready';
          resolve();
          return;
        }
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        if (message.ok) p.resolve(message.response);
        else p.reject(new Error(message.message));
      });
      child.on('exit', (code, signal) => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (this.child !== child) return;
        this.child = undefined;
        this.ready = undefined;
        if (this.state === 'stopped') {
          // Closing: a request the engine did not answer before exiting must not wait forever.
          this.rejectPending(new EngineCrashedError('the engine was closed'));
          return;
        }
        const detail = `engine exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`;
        this.crashes++;
        const restarted = this.crashes === 1;
        this.state = restarted ? 'restarted' : 'failed';
        this.options.onCrash?.({ restarted, detail });
        const error = new EngineCrashedError(detail);
        reject(error);
        this.rejectPending(error);
      });
    });
    // A failed send is followed by the child's exit, which rejects `ready`.
    child.send({ id: 0, init: { dataDir, limits: this.options.limits ?? DEFAULT_LIMITS } } satisfies ToEngine, () => {});
    return ready;
  }

  private rejectPending(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Starts the engine if needed; after one crash it starts again, after two it stays failed. */
  private async ensure(): Promise<void> {
    if (this.state === 'failed') throw new EngineCrashedError('the engine crashed twice and is not restarted');
    if (!this.ready) {
      const restarting = this.crashes > 0;
      this.ready = this.start();
      await this.ready;
      if (restarting && this.tables.length) await this.send({ op: 'createTables', tables: this.tables });
      return;
    }
    await this.ready;
  }

  private send<O extends EngineOp>(request: RequestOf<O>, database?: string): Promise<EngineResponses[O]> {
    const child = this.child;
    if (!child) return Promise.reject(new EngineCrashedError('engine not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // The channel can close before the child's exit is seen (the engine is exiting): without a
      // callback that failure would be an 'error' event that takes the whole server down.
      child.send((database ? { id, request, database } : { id, request }) satisfies ToEngine, (error) => {
        if (!error || !this.pending.delete(id)) return;
        reject(new EngineCrashedError(`the engine's channel is closed (${error.message})`));
      });
    });
  }

  /** Sends a request (starting the engine if needed); with `database`, its unqualified names are that database's. */
  async request<O extends EngineOp>(request: RequestOf<O>, database?: string): Promise<EngineResponses[O]> {
    await this.ensure();
    const response = await this.send(request, database);
    // Tables of other databases (a run's) are not replayed after a crash.
    if (request.op === 'createTables' && !database) {
      const created = new Set((response as EngineResponses['createTables']).created);
      this.tables.push(...(request as RequestOf<'createTables'>).tables.filter((t) => created.has(t.name)));
    }
    return response;
  }

  /** Stops the engine; its data directory is removed. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) {
      this.state = 'stopped';
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.state = 'stopped';
    try {
      await this.send({ op: 'close' });
    } catch {
      // exiting anyway
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}

/** The engine's requests in `database`, which must exist: e.g. a Run Locally beside the project's analysis tables. */
export function inDatabase(engine: EngineClient, database: string): EngineRequester {
  return { request: (request) => engine.request(request, database) };
}
