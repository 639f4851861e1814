// Readiness: right after `initialized`, before the initial scan has finished, a definition of a
// cross-file name in a pipe must wait for the scan (or answer exactly), never answer "not defined".
// Measures how long the answer takes from `initialized` and whether it points at the defining file.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, DidOpenTextDocumentNotification, type Location } from 'vscode-languageserver-protocol/node';
import { positionAt } from '../server/parser/lines';
import { WorkspaceIndex } from '../server/workspace/index';
import { startServer } from '../test/support/lspClient';
import type { WorkspaceFile } from './workspace';

export interface ReadinessResult {
  pipe: string;
  name: string;
  /** From `initialized` to the definition's answer. */
  definitionMs: number;
  /** Whether the answer is the file defining the name (the finished index's answer). */
  exact: boolean;
}

export async function measureReadiness(root: string, files: WorkspaceFile[], target: WorkspaceFile): Promise<ReadinessResult> {
  const index = new WorkspaceIndex();
  for (const f of files) index.update(path.join(root, f.path), f.text);
  const facts = index.get(path.join(root, target.path))!;
  const read = facts.externalReads.find((r) => index.resolve(r.ref.name));
  if (!read) throw new Error(`${target.path} reads no name defined in the workspace`);
  const defining = index.resolve(read.ref.name)!.path;
  const uri = pathToFileURL(path.join(root, target.path)).href;
  const t0 = performance.now();
  const server = await startServer(root);
  try {
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version: 1, text: target.text } });
    const answer = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionAt(facts.parsed.lineStarts, read.span.start) });
    const definitionMs = performance.now() - t0;
    const locations = (Array.isArray(answer) ? answer : answer ? [answer] : []) as Location[];
    return { pipe: target.path, name: read.ref.name, definitionMs, exact: locations.some((l) => l.uri === pathToFileURL(defining).href) };
  } finally {
    await server.stop();
  }
}
