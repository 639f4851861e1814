import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatSqlTemplate } from '../../server/format/sql/index';
import { datafileStage } from '../../server/format/nodeSql';
import { nodeSqls } from '../support/sqlBlock';
import { specExamples } from './sqlExamples';

const examples = specExamples();

test('the spec has its 100 verified examples', () => {
  assert.equal(examples.length, 100);
});

for (const ex of examples) {
  test(`${ex.id}: ${ex.title}`, () => {
    // reproduce the example as the spec says: indent the input by 4 spaces inside a node
    const pipe = ['NODE n', 'SQL >', ...ex.input.map((l) => (l.trim() ? `    ${l}` : l)), ''].join('\n');
    const [sql] = nodeSqls(pipe, {});
    const actual = datafileStage(formatSqlTemplate(sql));
    assert.deepEqual(actual.split('\n'), ex.output);
  });
}
