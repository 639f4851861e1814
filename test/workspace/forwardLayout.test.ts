// Tinybird Forward keeps datafiles in endpoints/, materializations/, copies/ and connections/: a file
// there belongs to the project in the folder above, like one in datasources/ or pipes/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { projectRootOf } from '../../server/workspace/projectRoot';

test('the folder above a Forward datafile folder is the project root', () => {
  for (const folder of ['endpoints', 'materializations', 'copies', 'connections', 'datasources', 'pipes']) {
    assert.equal(projectRootOf(`/work/project/tinybird/${folder}`, () => false), '/work/project/tinybird', folder);
  }
});

test('any other folder is its own root when no marker is found', () => {
  assert.equal(projectRootOf('/work/project/tinybird/queries', () => false), '/work/project/tinybird/queries');
});
