// Keeps the index equal to what the editor shows: open/change/close, watched files, configuration.
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type WorkspaceFolder, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { PROJECT_CONFIG_FILE } from '../../diagnostics/config';
import { FILE_FINDINGS } from '../../diagnostics/index';
import { findFilesNamed, readDatafile } from '../../workspace/discovery';
import { roleOf } from '../../workspace/fileRole';
import { isInside, PROJECT_MARKERS } from '../../workspace/projectRoot';
import { uriToPath } from '../convert';
import type { ServerContext } from '../context';
import { indexingProgress } from '../indexingProgress';

/** Reads `tinybird.diagnostics` settings and every project's tinybird-lint.json; problems go to the log. */
export async function loadDiagnosticsConfig(ctx: ServerContext): Promise<void> {
  let settings: unknown;
  try {
    settings = ctx.client.pullConfiguration ? await ctx.connection.workspace.getConfiguration('tinybird.diagnostics') : undefined;
  } catch (e) {
    ctx.connection.console.warn(`tinybird.diagnostics settings could not be read, using the defaults: ${e instanceof Error ? e.message : e}`);
  }
  // Every project's tinybird-lint.json, not only the workspace roots': each project uses its own, as
  // the check CLI does (e.g. a repository whose Tinybird projects live in subfolders).
  const folders = ctx.session.workspaceFolders;
  const projectDirs = new Set(folders);
  for (const root of folders) for (const file of await findFilesNamed(root, PROJECT_CONFIG_FILE)) projectDirs.add(path.dirname(file));
  const problems = [...ctx.config.setSettings(settings), ...ctx.config.loadProjects(projectDirs)];
  for (const problem of problems) ctx.connection.console.warn(problem);
}

export function registerDocumentSync(ctx: ServerContext): void {
  const { connection, documents, session } = ctx;

  /**
   * An edit re-checks the file and exactly the files whose findings read something it changed (the
   * query model), in the edited file's project only: names never resolve across projects.
   */
  function applyText(file: string, text: string): void {
    const { index } = session.projectOf(file);
    if (index.text(file) === text) return; // e.g. the change event that follows every open
    index.update(file, text);
    ctx.publish([file, ...index.queries.takeStale(FILE_FINDINGS)]);
  }

  function removeFile(file: string): void {
    const { index } = session.projectOf(file);
    index.remove(file);
    ctx.publish([file, ...index.queries.takeStale(FILE_FINDINGS)]);
  }

  const allPaths = () => session.allFiles().map((f) => f.path);

  /** Reads a file from disk and applies it (the read is synchronous: no event can make it stale). */
  function applyFromDisk(file: string): void {
    if (session.openPaths.has(file)) return;
    const text = readDatafile(file);
    if (text === undefined) removeFile(file);
    else applyText(file, text);
  }

  /** Settings or a project marker changed: files may change project, and every project its configuration. */
  async function reconfigure(): Promise<void> {
    await loadDiagnosticsConfig(ctx);
    session.regroup();
    await Promise.all(ctx.contributors.map((c) => c.reconfigure()));
    ctx.publish(allPaths());
  }

  /** An added folder is indexed like the initial scan; a removed one's files leave the index. */
  async function changeFolders({ added, removed }: WorkspaceFoldersChangeEvent): Promise<void> {
    const paths = (folders: WorkspaceFolder[]) => folders.flatMap((f) => uriToPath(f.uri) ?? []);
    const gone = paths(removed);
    const before = session.workspaceFolders;
    const fresh = paths(added).filter((root) => !before.includes(root));
    const folders = [...before.filter((root) => !gone.includes(root)), ...fresh];
    const kept = (file: string) => session.openPaths.has(file) || folders.some((root) => isInside(file, root));
    for (const file of allPaths()) if (!kept(file)) removeFile(file);
    session.setWorkspaceFolders(folders);
    if (!fresh.length) return;
    const config = loadDiagnosticsConfig(ctx);
    await Promise.all(fresh.map((root) => session.addRoot(root, { before: config })));
    ctx.publish(allPaths());
  }

  connection.onInitialized(async () => {
    if (ctx.client.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => void changeFolders(e));
    if (ctx.client.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: PROJECT_MARKERS.map((marker) => ({ globPattern: `**/${marker}` })) });
    }
    const progress = indexingProgress(connection, 'Tinybird');
    try {
      await session.loadFromDisk(session.workspaceFolders, { before: loadDiagnosticsConfig(ctx), progress: progress.report });
    } finally {
      progress.done();
    }
    ctx.publish(allPaths());
  });

  documents.onDidOpen((e) => {
    const file = session.pathOf(e.document.uri);
    if (!file || !roleOf(file)) return;
    session.openPaths.add(file);
    if (session.text(file) !== e.document.getText()) applyText(file, e.document.getText());
    else ctx.publish([file]);
  });

  documents.onDidChangeContent((e) => {
    const file = session.pathOf(e.document.uri);
    if (file && roleOf(file)) applyText(file, e.document.getText());
  });

  documents.onDidClose((e) => {
    const file = session.pathOf(e.document.uri);
    if (!file) return;
    session.openPaths.delete(file);
    applyFromDisk(file); // the editor's unsaved text is gone: the disk is the truth again
  });

  connection.onDidChangeConfiguration(() => void reconfigure());

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    if (changes.some((c) => PROJECT_MARKERS.some((marker) => c.uri.endsWith(`/${marker}`)))) await reconfigure();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file || !roleOf(file) || session.openPaths.has(file)) continue;
      if (change.type === FileChangeType.Deleted) removeFile(file);
      else applyFromDisk(file);
    }
  });
}
