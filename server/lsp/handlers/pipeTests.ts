// The Test Explorer's requests: the workspace's pipe test files with their cases, and one file's cases
// run on a fresh embedded engine, as `tb-datafiles test run` does (same discovery, same runner).
import * as fs from 'node:fs';
import { runTestFile } from '../../engine/pipeTests';
import { parseTestFile } from '../../engine/testFiles';
import { testFileInfo } from '../../features/testCases';
import { Requests, type RunTestsParams, type RunTestsResult, type TestFileInfo } from '../../protocol';
import { WorkspaceIndex } from '../../workspace/index';
import { projectIndex } from '../../workspace/projectIndex';
import { isInside } from '../../workspace/projectRoot';
import { testFilesUnder, testProjectRoot } from '../../workspace/testDiscovery';
import type { ServerContext } from '../context';
import { uriToPath } from '../convert';
import { ENGINE_MISSING, engineClientFor, readEngineSettings } from '../engineSettings';
import { crossFileRequest } from '../crossFileRequest';

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The index of the project at `root`, else of the innermost project holding it (a test folder beside it). */
function projectIndexOf(session: ServerContext['session'], root: string): WorkspaceIndex {
  const holding = session.allProjects().filter((p) => isInside(p.root, root)).sort((a, b) => a.root.length - b.root.length);
  return session.projectAt(root) ?? holding[0]?.index ?? new WorkspaceIndex();
}

export function registerPipeTests(ctx: ServerContext): void {
  const { connection, session } = ctx;

  connection.onRequest(Requests.listTests, (): TestFileInfo[] => {
    const files = [...new Set(session.workspaceFolders.flatMap((root) => testFilesUnder(root)))];
    return files.flatMap((file) => {
      const text = readText(file);
      return text === undefined ? [] : [testFileInfo(file, text, session.uriOf(file))];
    });
  });

  // The datafiles come from the index, so the run waits for the scan.
  connection.onRequest(Requests.runTests, crossFileRequest(session, async ({ uri, cases }: RunTestsParams): Promise<RunTestsResult> => {
    const file = uriToPath(uri);
    const text = file === undefined ? undefined : readText(file);
    if (file === undefined || text === undefined) return { ok: false, engineMissing: false, message: `${uri} is not a test file on disk` };
    const engine = engineClientFor(await readEngineSettings(ctx));
    if (!engine) return { ok: false, engineMissing: true, message: ENGINE_MISSING };
    const root = testProjectRoot(file);
    try {
      const results = await runTestFile(engine, projectIndex(projectIndexOf(session, root), root), root, parseTestFile(file, text), cases && new Set(cases));
      return { ok: true, results: results.map(({ file: _file, ...outcome }) => outcome) };
    } catch (e) {
      return { ok: false, engineMissing: false, message: `The embedded ClickHouse failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }));
}
