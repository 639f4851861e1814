// One embedded engine per Tinybird project of the workspace, shared by the handlers that use it
// (ClickHouse as you type, Run Locally): a file's project is the session's (projectRootOf, as for the CLI);
// each engine holds that project's tables only, starts on first use and closes with its project.
import * as path from 'node:path';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { EngineClient } from '../engine/client';
import { WorkspaceIndex } from '../workspace/index';
import type { ServerContext } from './context';
import { engineClientFor, type EngineSettings } from './engineSettings';

export interface ProjectEngine {
  root: string;
  client: EngineClient;
}

export class ProjectEngines {
  private readonly engines = new Map<string, ProjectEngine>();
  private runs = 0;

  constructor(private readonly ctx: Pick<ServerContext, 'connection' | 'session'>) {}

  /** The project root of a datafile (the session's projects). */
  rootOf(file: string): string {
    return this.ctx.session.projectRoot(file);
  }

  /** The index of the project at `root` (empty when it has no file). */
  indexOf(root: string): WorkspaceIndex {
    return this.ctx.session.projectAt(root) ?? new WorkspaceIndex();
  }

  get(root: string): ProjectEngine | undefined {
    return this.engines.get(root);
  }

  all(): ProjectEngine[] {
    return [...this.engines.values()];
  }

  /** The project's engine (not started until its first request); undefined when chDB cannot be found. */
  open(root: string, settings: EngineSettings): ProjectEngine | undefined {
    const known = this.engines.get(root);
    if (known) return known;
    const name = path.basename(root) || root;
    const client = engineClientFor(settings, {
      onCrash: ({ restarted, detail }) => {
        const message = restarted ? `The embedded ClickHouse of ${name} crashed and was restarted: ${detail}` : `The embedded ClickHouse of ${name} crashed again and is stopped: ${detail}`;
        this.ctx.connection.console.error(message);
        void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      },
    });
    if (!client) return undefined;
    const engine = { root, client };
    this.engines.set(root, engine);
    return engine;
  }

  /** A fresh database name for one run in a project's engine. */
  runDatabase(): string {
    return `run_${++this.runs}`;
  }

  async close(root: string): Promise<void> {
    const engine = this.engines.get(root);
    this.engines.delete(root);
    await engine?.client.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.engines.keys()].map((root) => this.close(root)));
  }

  /** Closes the engines of projects with no datafile left in the index (e.g. their workspace folder was removed); returns their roots. */
  async closeEmpty(): Promise<string[]> {
    const live = new Set(this.ctx.session.allProjects().map((p) => p.root));
    const gone = [...this.engines.keys()].filter((root) => !live.has(root));
    await Promise.all(gone.map((root) => this.close(root)));
    return gone;
  }

  /** Resident memory of the running engine of `root`, in bytes. */
  async rssBytes(root: string): Promise<number | undefined> {
    const client = this.engines.get(root)?.client;
    if (!client?.pid) return undefined;
    try {
      return (await client.request({ op: 'memory' })).rssBytes;
    } catch {
      return undefined;
    }
  }
}
