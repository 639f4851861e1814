// What every command needs: the server calls, the UI, workspace memory, and the project's environments.
import type { Environment } from './environments';
import type { ConfigError } from './errors';
import { LOCAL_NAME, ProjectConfig, loadProject, parseSettings, pickEnvironment } from './environments';
import type { Logger } from './log';
import type { Memory } from './params';
import type { TinybirdServer } from './serverApi';
import { Connector, SecretStore, Session, secretKey } from './session';
import type { PickItem, Ui } from './ui';

export const CURRENT_ENV_KEY = 'tinybird.environment';

export interface CommandContext {
  server: TinybirdServer;
  ui: Ui;
  memory: Memory;
  environments: ProjectEnvironments;
  logger: Logger;
  /** The data project folder of `uri`, or of the workspace when no URI is given. */
  rootOf(uri?: string): Promise<string>;
  /** Job polling interval. */
  pollMs: number;
}

export class ProjectEnvironments {
  private readonly listeners: Array<(name: string) => void> = [];
  private readonly problemListeners: Array<(problems: ConfigError[]) => void> = [];
  private announced = '';
  private connection?: { timeoutMs: number; connector: Connector };

  constructor(
    private readonly settings: () => unknown,
    private readonly memory: Memory,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
  ) {}

  /** Rebuilt when the timeout setting changes; otherwise kept, with its cache of Tinybird Local tokens. */
  private get connector(): Connector {
    const timeoutMs = parseSettings(this.settings()).requestTimeoutSeconds * 1000;
    if (this.connection?.timeoutMs !== timeoutMs) this.connection = { timeoutMs, connector: new Connector(this.secrets, { logger: this.logger, timeoutMs }) };
    return this.connection.connector;
  }

  /** The project's environments and configuration problems; a new set of problems is announced once, all together. */
  async project(root: string): Promise<ProjectConfig> {
    const config = await loadProject(root, parseSettings(this.settings()));
    const text = config.problems.map((p) => p.message).join('\n');
    if (text !== this.announced) {
      this.announced = text;
      if (config.problems.length) this.problemListeners.forEach((l) => l(config.problems));
    }
    return config;
  }

  async list(root: string): Promise<Environment[]> {
    return (await this.project(root)).environments;
  }

  /** The environment chosen with "Select Environment", else the default one. */
  async current(root: string): Promise<Environment> {
    const { environments, unavailable } = await this.project(root);
    return pickEnvironment(environments, parseSettings(this.settings()), this.memory.get<string>(CURRENT_ENV_KEY), unavailable);
  }

  /** Called with every problem of the project's files when they change (not on every command). */
  onProblems(listener: (problems: ConfigError[]) => void): void {
    this.problemListeners.push(listener);
  }

  currentName(): string {
    return this.memory.get<string>(CURRENT_ENV_KEY) ?? parseSettings(this.settings()).defaultEnvironment?.toUpperCase() ?? LOCAL_NAME;
  }

  async session(root: string, signal?: AbortSignal): Promise<Session> {
    return this.connector.connect(await this.current(root), signal);
  }

  async local(root: string, signal?: AbortSignal): Promise<Session> {
    return this.connector.connect(pickEnvironment(await this.list(root), parseSettings(this.settings()), LOCAL_NAME), signal);
  }

  onDidChange(listener: (name: string) => void): void {
    this.listeners.push(listener);
  }

  async select(ui: Ui, root: string): Promise<string | undefined> {
    const envs = await this.list(root);
    const items: PickItem<string>[] = envs.map((e) => ({
      label: e.name,
      description: e.host,
      detail: [`from ${e.origin}`, e.production ? 'production: writes need confirmation' : undefined].filter(Boolean).join(' · '),
      value: e.name,
    }));
    const name = await ui.pick(items, `Tinybird environment (current: ${this.currentName()})`);
    if (!name) return undefined;
    await this.memory.update(CURRENT_ENV_KEY, name);
    this.listeners.forEach((l) => l(name));
    return name;
  }

  /** Asks for a token, checks it with `GET /v0/workspace` on that environment, then stores it. Nothing is stored if the check fails. */
  async setToken(ui: Ui, root: string): Promise<string | undefined> {
    const envs = await this.list(root);
    // The quick pick starts on its first item: the active environment, so Enter sets the token where you are working.
    const active = this.currentName();
    const ordered = [...envs.filter((e) => e.name === active), ...envs.filter((e) => e.name !== active)];
    const env = await ui.pick(
      ordered.map((e) => ({ label: e.name, description: `${e.host}${e.name === active ? ' (active)' : ''}`, value: e })),
      'Environment to set the token for',
    );
    if (!env) return undefined;
    const token = await ui.input(`Token for ${env.name} (${env.host})`, { password: true, validate: (v) => (/^\S+$/.test(v) ? undefined : 'Paste a token (no spaces)') });
    if (!token) return undefined;
    const workspace = await ui.withProgress(`Tinybird: checking the token on ${env.name}`, (p) => this.connector.withToken(env, token).api.workspace(p.signal));
    await this.secrets.store(secretKey(env), token);
    return `Token for ${env.name} saved (workspace ${workspace.name}).`;
  }
}
