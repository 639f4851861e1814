// Registers the Tinybird commands, the environment status-bar item and the pulled-datafile documents.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type AppendFixtureLocallyResult, type PipeInfo, type ProjectGraph, type ProjectSummary } from '../../server/protocol';
import { roleOf } from '../../server/workspace/fileRole';
import { CommandContext, ProjectEnvironments } from '../tinybird/context';
import { runCopy } from '../tinybird/copy';
import { CancelledError, ConfigError, LOCAL_DOCKER_COMMAND, TinybirdApiError, UserError } from '../tinybird/errors';
import { appendFixture, appendFixtureLocally } from '../tinybird/fixtures';
import type { Logger } from '../tinybird/log';
import { findProjectRoot } from '../tinybird/project';
import { pull } from '../tinybird/pull';
import { pushAll, pushChanged, pushCurrent } from '../tinybird/pushActions';
import { askParams } from '../tinybird/params';
import { pipeAt, runEndpoint, runSql } from '../tinybird/queryActions';
import { runCopyLocally, runEndpointLocally, runNodeLocally } from '../tinybird/runLocally';
import type { QueryResult } from '../tinybird/schemas';
import type { PushDefinition, PushDiagnostic, TinybirdServer } from '../tinybird/serverApi';
import { testPipeLocally } from '../tinybird/testLocally';
import { COMPILED_SCHEME, CompiledSqlDocuments, showCompiledSql } from './compiledSql';
import { ObservedMemory } from './observedMemory';
import { ParamsForms } from './paramsPanel';
import { REMOTE_SCHEME, RemoteDocuments } from './remoteDocuments';
import { ResultsPanels } from './resultsPanel';
import { createEngineStatus } from './engineStatus';
import { registerInstallEngine } from './installEngine';
import { createEnvironmentStatus } from './statusBar';
import { VsCodeUi } from './vscodeUi';

function languageServer(client: LanguageClient): TinybirdServer {
  return {
    projectGraph: (params) => client.sendRequest<ProjectGraph>(Requests.projectGraph, params),
    projects: () => client.sendRequest<ProjectSummary[]>(Requests.projects, {}),
    pipeInfo: (uri) => client.sendRequest<PipeInfo | null>(Requests.pipeInfo, { uri }),
    nodeAt: (uri, line) => client.sendRequest<{ node: string; sql: string } | null>(Requests.nodeAt, { uri, line }),
    formatText: async (text, fileName) => (await client.sendRequest<{ text: string }>(Requests.formatText, { text, fileName })).text,
    pushDefinition: (uri) => client.sendRequest<PushDefinition>(Requests.pushDefinition, { uri }),
    pushDiagnostics: (uris) => client.sendRequest<PushDiagnostic[]>(Requests.pushDiagnostics, { uris }),
    runLocally: (params) => client.sendRequest<QueryResult>(Requests.runLocally, params),
    appendFixtureLocally: (params) => client.sendRequest<AppendFixtureLocallyResult>(Requests.appendFixtureLocally, params),
  };
}

function settings(): unknown {
  const cfg = vscode.workspace.getConfiguration('tinybird');
  return {
    environments: cfg.get('environments'),
    productionEnvironments: cfg.get('productionEnvironments'),
    defaultEnvironment: cfg.get<string>('defaultEnvironment') || undefined,
    requestTimeoutSeconds: cfg.get('requestTimeoutSeconds'),
  };
}


/** The last datafile editor that had focus: a webview (the results panel) taking focus does not clear it. */
let lastDatafile: vscode.Uri | undefined;

function activeDatafile(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (uri && roleOf(uri.path)) lastDatafile = uri;
  return vscode.window.activeTextEditor ? (uri && roleOf(uri.path) ? uri : undefined) : lastDatafile;
}

function targetUri(arg: unknown): string {
  const uri = arg instanceof vscode.Uri ? arg : activeDatafile();
  if (!uri) throw new UserError('Open a Tinybird .pipe or .datasource file first.');
  return uri.toString();
}

export function registerTinybirdCommands(context: vscode.ExtensionContext, client: LanguageClient): { paramsForms: ParamsForms } {
  const channel = vscode.window.createOutputChannel('Tinybird');
  const logger: Logger = { line: (message) => channel.appendLine(`[${new Date().toISOString()}] ${message}`) };
  const server = languageServer(client);
  const remote = new RemoteDocuments();
  const paramsForms = new ParamsForms();
  const ui = new VsCodeUi(new ResultsPanels(), remote, paramsForms);
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => activeDatafile()));
  const environments = new ProjectEnvironments(settings, context.workspaceState, context.secrets, logger);
  environments.onProblems((problems) => {
    for (const p of problems) logger.line(`configuration: ${p.message}`);
    ui.error(`Tinybird: ${problems.length} problem(s) in the project configuration (affected environments are left out, the others work): ${problems.map((p) => p.message).join('; ')}`);
  });

  const rootOf = async (uri?: string): Promise<string> => {
    const target = uri ? vscode.Uri.parse(uri) : activeDatafile();
    const folder = target ? vscode.workspace.getWorkspaceFolder(target) : vscode.workspace.workspaceFolders?.[0];
    if (target) return findProjectRoot(target.fsPath, folder?.uri.fsPath);
    const projects = await server.projects();
    if (projects.length === 1) return projects[0].root;
    if (folder) return folder.uri.fsPath;
    throw new UserError('Open the folder of a Tinybird data project first.');
  };
  const memory = new ObservedMemory(context.workspaceState);
  const compiled = new CompiledSqlDocuments(client, memory);
  const ctx: CommandContext = { server, ui, memory, environments, logger, rootOf, pollMs: 2000 };

  /** The node named by a code lens, else the node at the cursor, else the pipe's endpoint (or last) node. */
  const compiledTarget = async (arg: unknown, nodeArg: unknown): Promise<{ uri: string; node: string }> => {
    const uri = typeof arg === 'string' ? arg : targetUri(arg);
    if (typeof nodeArg === 'string') return { uri, node: nodeArg };
    const editor = vscode.window.activeTextEditor;
    const atCursor = editor?.document.uri.toString() === uri ? await server.nodeAt(uri, editor.selection.active.line) : null;
    if (atCursor) return { uri, node: atCursor.node };
    const info = await server.pipeInfo(uri);
    const node = info?.endpointNode ?? info?.nodes[info.nodes.length - 1]?.name;
    if (!node) throw new UserError('Open a .pipe file with at least one node.');
    return { uri, node };
  };

  const register = (id: string, run: (arg: unknown, arg2?: unknown) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (arg: unknown, arg2?: unknown) => {
      try {
        await run(arg, arg2);
      } catch (err) {
        if (err instanceof CancelledError) return;
        const known = err instanceof UserError || err instanceof ConfigError || err instanceof TinybirdApiError;
        logger.line(`${id} failed: ${known ? (err as Error).message : ((err as Error).stack ?? String(err))}`);
        const text = known ? (err as Error).message : `Tinybird: ${(err as Error).message ?? String(err)}`;
        if (!text.includes(LOCAL_DOCKER_COMMAND)) return ui.error(text);
        // The docker line is long and the toast collapses it: offer it on the clipboard.
        const copy = 'Copy docker run command';
        if ((await vscode.window.showErrorMessage(text, copy)) === copy) await vscode.env.clipboard.writeText(LOCAL_DOCKER_COMMAND);
      }
    });

  context.subscriptions.push(
    channel,
    memory,
    compiled,
    vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, remote),
    vscode.workspace.registerTextDocumentContentProvider(COMPILED_SCHEME, compiled),
    register('tinybird.showCompiledSql', async (arg, node) => {
      const target = await compiledTarget(arg, node);
      await showCompiledSql(compiled, target.uri, target.node);
    }),
    register('tinybird.setParams', async (arg) => {
      const uri = arg instanceof vscode.Uri && arg.scheme === COMPILED_SCHEME ? arg.query : targetUri(arg);
      const info = await pipeAt(ctx, uri);
      if (!info.params.length) return ui.info(`${info.name} has no template parameters.`);
      await askParams(ui, memory, info.name, info.params, 'Save');
    }),
    register('tinybird.toggleCompiledSqlResolved', async (arg) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme !== COMPILED_SCHEME) throw new UserError('Open a compiled SQL document first (Tinybird: Show Compiled SQL).');
      compiled.toggleResolved(uri);
    }),
    createEnvironmentStatus(environments, () => rootOf()),
    createEngineStatus(client),
    registerInstallEngine(context),
    register('tinybird.push', (arg) => pushCurrent(ctx, targetUri(arg))),
    register('tinybird.pushAll', () => pushAll(ctx, activeDatafile()?.toString())),
    register('tinybird.pushChanged', () => pushChanged(ctx, activeDatafile()?.toString())),
    register('tinybird.runEndpoint', (arg) => runEndpoint(ctx, targetUri(arg))),
    register('tinybird.runCopy', (arg) => runCopy(ctx, targetUri(arg))),
    register('tinybird.runEndpointLocally', (arg) => runEndpointLocally(ctx, targetUri(arg))),
    register('tinybird.runCopyLocally', (arg) => runCopyLocally(ctx, targetUri(arg))),
    register('tinybird.runNodeLocally', (arg, node) => {
      const uri = targetUri(arg);
      const editor = vscode.window.activeTextEditor;
      const line = editor && editor.document.uri.toString() === uri ? editor.selection.active.line : 0;
      return runNodeLocally(ctx, uri, line, typeof node === 'string' ? node : undefined);
    }),
    register('tinybird.appendFixture', (arg) => {
      const uri = arg instanceof vscode.Uri ? arg : activeDatafile();
      return appendFixture(ctx, uri?.path.endsWith('.datasource') ? uri.toString() : undefined);
    }),
    register('tinybird.appendFixtureLocally', (arg) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      return appendFixtureLocally(ctx, uri?.scheme === 'file' ? uri.toString() : undefined);
    }),
    register('tinybird.runSql', (arg) => {
      const uri = targetUri(arg);
      const editor = vscode.window.activeTextEditor;
      const inEditor = editor && editor.document.uri.toString() === uri;
      return runSql(ctx, uri, inEditor ? editor.document.getText(editor.selection) : '', inEditor ? editor.selection.active.line : 0);
    }),
    register('tinybird.pull', (arg) => pull(ctx, targetUri(arg))),
    register('tinybird.testPipeLocally', (arg) => testPipeLocally(ctx, targetUri(arg))),
    register('tinybird.setToken', async (arg) => {
      const message = await environments.setToken(ui, await rootOf(arg instanceof vscode.Uri ? arg.toString() : undefined));
      if (message) ui.info(message);
    }),
    register('tinybird.selectEnvironment', async () => environments.select(ui, await rootOf())),
  );
  return { paramsForms };
}
