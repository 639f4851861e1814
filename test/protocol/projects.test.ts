// Two Tinybird projects in one workspace, both with an `events` datasource of a different schema: every
// answer about a file comes from its own project (README "Projects"), over stdio to the built server
// and in process to createServer.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionList,
  type Hover,
  type Location,
  type MarkupContent,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { Requests, type LineageGraphView, type ProjectGraph, type ProjectSummary } from '../../server/protocol';
import { REPO_ROOT } from '../support/shared';
import { startInProcessServer, startServer, type InProcessHarness } from '../support/lspClient';

const WORKSPACE = path.join(REPO_ROOT, 'test/fixtures/projects/same-name-datasource');
const uri = (file: string) => pathToFileURL(path.join(WORKSPACE, file)).href;
const ALPHA_PIPE = uri('alpha/pipes/kinds.pipe');
const BETA_PIPE = uri('beta/pipes/amounts.pipe');
const PIPES = [ALPHA_PIPE, BETA_PIPE, uri('alpha/pipes/copy_events.pipe'), uri('beta/pipes/copy_events.pipe')];
const inProject = (project: string) => (u: string) => u.startsWith(uri(project) + '/');

/** Line 3 of both reading pipes is `    SELECT id, <column> FROM events`. */
const atEvents = (pipe: string) => ({ textDocument: { uri: pipe }, position: { line: 3, character: pipe === ALPHA_PIPE ? 27 : 29 } });

const HARNESSES: Array<[string, (root: string, capabilities: Record<string, unknown>) => Promise<InProcessHarness>]> = [
  ['over stdio', startServer],
  ['in process', startInProcessServer],
];

for (const [how, start] of HARNESSES) {
  describe(`two projects with a datasource of the same name (${how})`, () => {
    let server: InProcessHarness;
    before(async () => {
      server = await start(WORKSPACE, { workspace: { workspaceEdit: { resourceOperations: ['rename'] } } });
      await server.allPublished(PIPES);
    });
    after(() => server.stop());

    const codes = (u: string) => server.diagnostics.get(u)!.diagnostics.map((d) => d.code).sort();

    test('diagnostics: each project its own names, schemas and tinybird-lint.json', () => {
      assert.deepEqual(codes(ALPHA_PIPE), [], 'fmt-comment is off in alpha; events resolves in alpha');
      assert.deepEqual(codes(uri('alpha/pipes/copy_events.pipe')), [], 'alpha.events has the column kind');
      assert.deepEqual(codes(BETA_PIPE), ['fmt-comment', 'unresolved-reference'], 'only_alpha is not a name of beta');
      assert.ok(codes(uri('beta/pipes/copy_events.pipe')).includes('target-unknown-column'), 'beta.events has no column kind');
    });

    test('hover and definition of `events` go to the datasource of the same project', async () => {
      for (const [pipe, project] of [[ALPHA_PIPE, 'alpha'], [BETA_PIPE, 'beta']]) {
        const hover = (await server.connection.sendRequest(HoverRequest.type, atEvents(pipe))) as Hover;
        const text = (hover.contents as MarkupContent).value;
        assert.ok(text.includes(uri(`${project}/datasources/events.datasource`)), text);
        assert.ok(!text.includes(uri(`${project === 'alpha' ? 'beta' : 'alpha'}/datasources/events.datasource`)), text);
        const defs = (await server.connection.sendRequest(DefinitionRequest.type, atEvents(pipe))) as Location[];
        assert.deepEqual(defs.map((d) => d.uri), [uri(`${project}/datasources/events.datasource`)]);
      }
    });

    test('references and rename stay in the project', async () => {
      const refs = (await server.connection.sendRequest(ReferencesRequest.type, { ...atEvents(ALPHA_PIPE), context: { includeDeclaration: true } })) as Location[];
      assert.ok(refs.length >= 3, JSON.stringify(refs));
      assert.ok(refs.every((r) => inProject('alpha')(r.uri)), JSON.stringify(refs.map((r) => r.uri)));
      const edit = (await server.connection.sendRequest(RenameRequest.type, { ...atEvents(BETA_PIPE), newName: 'events_v2' })) as WorkspaceEdit;
      const touched = (edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'oldUri' in c ? c.oldUri : ''));
      assert.ok(touched.length >= 2, JSON.stringify(edit));
      assert.ok(touched.every(inProject('beta')), JSON.stringify(touched));
    });

    test('completion offers the columns of the project own datasource', async () => {
      const columns = async (pipe: string) => {
        const list = (await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: pipe }, position: { line: 3, character: 11 } })) as CompletionList;
        return list.items.map((i) => i.label);
      };
      const alpha = await columns(ALPHA_PIPE);
      const beta = await columns(BETA_PIPE);
      assert.ok(alpha.includes('kind') && !alpha.includes('amount'), alpha.slice(0, 20).join());
      assert.ok(beta.includes('amount') && !beta.includes('kind'), beta.slice(0, 20).join());
    });

    test('lineage graph, project graph and workspace symbols are per project', async () => {
      const lineage = (await server.connection.sendRequest(Requests.lineageGraph, { uri: uri('alpha/datasources/events.datasource') })) as LineageGraphView;
      assert.deepEqual(lineage.nodes.map((n) => n.id).sort(), ['copy_events', 'events', 'kinds']);
      const projects = (await server.connection.sendRequest(Requests.projects, {})) as ProjectSummary[];
      assert.deepEqual(projects, [{ root: path.join(WORKSPACE, 'alpha'), resources: 4 }, { root: path.join(WORKSPACE, 'beta'), resources: 3 }]);
      const graph = (await server.connection.sendRequest(Requests.projectGraph, { uri: BETA_PIPE })) as ProjectGraph;
      assert.equal(graph.root, path.join(WORKSPACE, 'beta'));
      assert.deepEqual(graph.resources.map((r) => r.name), ['amounts', 'copy_events', 'events']);
      await assert.rejects(server.connection.sendRequest(Requests.projectGraph, {}), /several Tinybird projects/);
      const symbols = (await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'events' })) as SymbolInformation[];
      const datasources = symbols.filter((s) => s.name === 'events').map((s) => s.location.uri).sort();
      assert.deepEqual(datasources, [uri('alpha/datasources/events.datasource'), uri('beta/datasources/events.datasource')]);
    });
  });
}
