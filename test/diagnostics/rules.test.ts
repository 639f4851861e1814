// One folder per rule under test/fixtures/diagnostics/<rule-id>/, with cases named after what they
// show: `flags-*` must raise the rule (exactly at the places listed in expected.txt), `ok-*` must not.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/diagnostics/registry';
import { FIXTURES, findingsIn, loadWorkspace } from './helpers';

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    const dir = path.join(FIXTURES, rule.id);
    const cases = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];

    test('has a positive and a negative fixture', () => {
      assert.ok(cases.some((c) => c.startsWith('flags-')), `no flags-* fixture for ${rule.id}`);
      assert.ok(cases.some((c) => c.startsWith('ok-')), `no ok-* fixture for ${rule.id}`);
    });

    for (const name of cases) {
      test(name, () => {
        const root = path.join(dir, name);
        const found = findingsIn(loadWorkspace(root), root).filter((f) => f.found.rule.id === rule.id);
        if (name.startsWith('ok-')) {
          assert.deepEqual(found.map((f) => `${f.where} ${f.found.finding.message}`), []);
          return;
        }
        const expected = fs.readFileSync(path.join(root, 'expected.txt'), 'utf8').trim().split('\n');
        assert.deepEqual(found.map((f) => f.where), expected);
        for (const f of found) {
          assert.equal(f.found.severity, rule.severity);
          assert.ok(f.found.finding.message.length > 20, 'the message says what is wrong and what to do');
        }
      });
    }
  });
}
