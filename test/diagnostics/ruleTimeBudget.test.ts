// The per-file time budget of the rules: once spent, the running rule is stopped and one
// resource-limit diagnostic names it and the rules not run; what finished is still published.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseProjectConfig, resolveConfig } from '../../server/diagnostics/config';
import { runRules } from '../../server/diagnostics/index';
import { RULE_IDS, RULES } from '../../server/diagnostics/registry';
import type { Rule } from '../../server/diagnostics/rule';
import { WorkspaceIndex } from '../../server/workspace/index';

// Reads a datasource nobody defines: a cross-file rule reports it.
const PIPE = 'NODE n\nSQL >\n    SELECT * FROM missing_datasource\n';

function findings(budget?: number) {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/reader.pipe', PIPE);
  const file = index.get('/p/pipes/reader.pipe');
  assert.ok(file);
  return runRules(index, file, resolveConfig(budget === undefined ? [] : [{ ruleTimeBudgetMs: budget }]));
}

test('with the default budget every rule runs and no time-limit diagnostic appears', () => {
  const found = findings();
  assert.ok(found.some((f) => f.rule.id === 'unresolved-reference'), 'the cross-file rule ran');
  assert.ok(!found.some((f) => f.finding.message.includes('rules stopped')));
});

/** A rule with a bug that never returns; cross-file, so no per-file cache is involved. */
const runaway: Rule = { id: 'runaway', severity: 'error', category: 'lineage', summary: 'loops forever', crossFile: true, check: () => { for (;;); } };

test('a rule that never returns is stopped at the budget; the rules that finished keep their findings', () => {
  const index = new WorkspaceIndex();
  index.update('/p/pipes/reader.pipe', PIPE);
  const file = index.get('/p/pipes/reader.pipe')!;
  const unresolved = RULES.find((r) => r.id === 'unresolved-reference')!;
  const after = RULES.find((r) => r.id !== 'unresolved-reference')!;
  const found = runRules(index, file, resolveConfig([{ ruleTimeBudgetMs: 100 }]), [unresolved, runaway, after]);
  const limit = found.filter((f) => f.rule.id === 'resource-limit');
  assert.equal(limit.length, 1);
  assert.deepEqual(limit[0].finding.span, { start: 0, end: 0 });
  assert.match(limit[0].finding.message, new RegExp(`^The rules stopped after \\d+ ms on this file \\(budget 100 ms, tinybird.diagnostics.ruleTimeBudgetMs\\): runaway was stopped while running. Not run: ${after.id}. `));
  assert.ok(found.some((f) => f.rule.id === 'unresolved-reference'), 'the rule before the runaway kept its finding');
  assert.deepEqual(runRules(index, file, resolveConfig([])).filter((f) => f.rule.id === 'resource-limit'), [], 'the next run is unaffected');
});

test('a budget of 0 runs no rule: one resource-limit finding names the first', () => {
  const found = findings(0);
  assert.deepEqual(found.map((f) => f.rule.id), ['resource-limit']);
  assert.match(found[0].finding.message, new RegExp(`budget 0 ms.*: ${RULES[0].id} was stopped while running`));
});

test('tinybird-lint.json accepts ruleTimeBudgetMs and rejects a negative one', () => {
  assert.deepEqual(parseProjectConfig('{"ruleTimeBudgetMs": 500}', 'tinybird-lint.json', RULE_IDS).problems, []);
  assert.equal(resolveConfig([parseProjectConfig('{"ruleTimeBudgetMs": 500}', 'f', RULE_IDS).input]).ruleTimeBudgetMs, 500);
  assert.equal(parseProjectConfig('{"ruleTimeBudgetMs": -1}', 'f', RULE_IDS).problems.length, 1);
});
