// A file belongs to one project (README "Projects"): `check` indexes that project whole and never
// resolves a name in a sibling project; the server and the commands use the same projectRootOf.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { check } from '../../cli/check';
import { projectRootOf } from '../../server/workspace/projectRoot';
import { REPO_ROOT } from '../support/corpus';

const fixtures = path.join(REPO_ROOT, 'test/fixtures/projects');
const holding = (...files: string[]) => (file: string) => files.includes(file);

test('a folder nested in pipes/ belongs to the project above pipes/', () => {
  assert.equal(projectRootOf('/repo/project/pipes/mv', () => false), '/repo/project');
  assert.equal(projectRootOf('/repo/project/endpoints/a/b', () => false), '/repo/project');
});

test('a marker file (.tinyb, tinybird-lint.json, .env) makes its folder the root', () => {
  for (const marker of ['.tinyb', 'tinybird-lint.json', '.env']) {
    assert.equal(projectRootOf('/repo/tb/src', holding(`/repo/tb/${marker}`)), '/repo/tb', marker);
  }
});

test('sub-projects of a repository stay apart even when the repository root has a .env', () => {
  const exists = holding('/repo/.env', '/repo/.git');
  assert.equal(projectRootOf('/repo/a/pipes', exists), '/repo/a');
  assert.equal(projectRootOf('/repo/b/datasources', exists), '/repo/b');
  assert.equal(projectRootOf('/repo/loose', exists), '/repo');
});

test('the search stops at the workspace folder and at the git root', () => {
  assert.equal(projectRootOf('/ws/folder/sub', holding('/ws/.tinyb'), '/ws/folder'), '/ws/folder/sub');
  assert.equal(projectRootOf('/ws/repo/sub', holding('/ws/.tinyb', '/ws/repo/.git')), '/ws/repo/sub');
  assert.equal(projectRootOf('/ws/pipes', () => false, '/ws/pipes'), '/ws/pipes', 'never above the workspace folder');
});

test('check FILE in pipes/mv/ indexes the whole project', () => {
  const { findings, projects } = check([path.join(fixtures, 'nested-pipes-folder/pipes/mv/events_by_day.pipe')]);
  assert.deepEqual(findings.filter((f) => f.rule === 'unresolved-reference' || f.rule === 'unknown-reference'), []);
  assert.equal(projects.length, 1);
  assert.equal(projects[0].index.size, 2);
});

test('check ROOT checks each sibling project apart: names do not resolve across projects', () => {
  const { findings, projects } = check([path.join(fixtures, 'sibling-projects')]);
  assert.equal(projects.length, 2);
  const unresolved = findings.filter((f) => f.rule === 'unresolved-reference' || f.rule === 'unknown-reference');
  assert.deepEqual(
    unresolved.map((f) => [path.relative(fixtures, path.resolve(f.file)), f.line]),
    [['sibling-projects/blog/pipes/posts_api.pipe', 7]],
  );
});
