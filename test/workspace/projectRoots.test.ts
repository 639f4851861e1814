// A file belongs to one project (README "Project root"): `check` indexes that project whole and
// never resolves a name in a sibling project.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { check } from '../../cli/check';
import { projectRootOf } from '../../server/workspace/projectRoot';
import { REPO_ROOT } from '../support/corpus';

const fixtures = path.join(REPO_ROOT, 'test/fixtures/projects');
const noMarkers = { markers: [], stopsAt: () => false };

test('a folder nested in pipes/ belongs to the project above pipes/', () => {
  assert.equal(projectRootOf('/repo/project/pipes/mv', () => false, noMarkers), '/repo/project');
  assert.equal(projectRootOf('/repo/project/endpoints/a/b', () => false, noMarkers), '/repo/project');
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
