// Every quick fix is applied to its fixture and compared with the expected file (`<file>.fixed`);
// after the fix the rule no longer fires there. The suppression fix silences every positive fixture.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../server/diagnostics/config';
import { ruleContext } from '../../server/diagnostics/index';
import { RULES } from '../../server/diagnostics/registry';
import { suppressionFix } from '../../server/diagnostics/support/suppress';
import { applyEdits, FIXTURES, findingsIn, listFiles, loadWorkspace } from './helpers';

function firstFinding(root: string, ruleId: string, file?: string) {
  const index = loadWorkspace(root);
  const found = findingsIn(index, root).find((f) => f.found.rule.id === ruleId && (!file || f.file.path === file));
  assert.ok(found, `no ${ruleId} finding in ${root}`);
  return { index, ...found };
}

function stillFires(root: string, ruleId: string, file: string, text: string): boolean {
  const index = loadWorkspace(root);
  index.update(file, text);
  return findingsIn(index, root).some((f) => f.found.rule.id === ruleId && f.file.path === file);
}

describe('quick fixes', () => {
  for (const rule of RULES) {
    const dir = path.join(FIXTURES, rule.id);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const root = path.join(dir, name);
      for (const fixed of listFiles(root).filter((f) => f.endsWith('.fixed'))) {
        const target = fixed.slice(0, -'.fixed'.length);
        test(`${rule.id}: ${name}`, () => {
          const { index, file, found } = firstFinding(root, rule.id, target);
          const fixes = rule.fix?.(ruleContext(index, file, DEFAULT_CONFIG), found.finding) ?? [];
          assert.ok(fixes.length, 'the rule offers a fix');
          const result = applyEdits(file.parsed.text, fixes[0].edits);
          assert.equal(result, fs.readFileSync(fixed, 'utf8'));
          assert.equal(stillFires(root, rule.id, target, result), false, 'the fix removes the finding');
        });
      }
    }
  }
});

describe('suppression fix', () => {
  for (const rule of RULES) {
    const dir = path.join(FIXTURES, rule.id);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.startsWith('flags-')).sort()) {
      test(`${rule.id}: ${name}`, () => {
        const root = path.join(dir, name);
        const { file, found } = firstFinding(root, rule.id);
        const fix = suppressionFix(file, rule.id, found.finding.span);
        const result = applyEdits(file.parsed.text, fix.edits);
        assert.match(result, new RegExp(`tb-lint-disable ${rule.id}`));
        const index = loadWorkspace(root);
        index.update(file.path, result);
        const left = findingsIn(index, root).filter((f) => f.found.rule.id === rule.id && f.file.path === file.path);
        assert.ok(left.length < findingsIn(loadWorkspace(root), root).filter((f) => f.found.rule.id === rule.id && f.file.path === file.path).length);
      });
    }
  }
});
