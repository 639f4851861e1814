// The per-file time budget of the rules: once spent, the rules not yet run are skipped and one
// resource-limit diagnostic names them; what ran is still published.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseProjectConfig, resolveConfig } from '../../server/diagnostics/config';
import { runRules } from '../../server/diagnostics/index';
import { RULE_IDS, RULES } from '../../server/diagnostics/registry';
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

test('a spent budget skips the remaining rules and names them in one resource-limit diagnostic', () => {
  const found = findings(0);
  const limit = found.filter((f) => f.finding.message.includes('rules stopped'));
  assert.equal(limit.length, 1);
  assert.equal(limit[0].rule.id, 'resource-limit');
  assert.deepEqual(limit[0].finding.span, { start: 0, end: 0 });
  // Only the first enabled rule ran: every other one is listed as not run, the cross-file rule too.
  const notRun = limit[0].finding.message.replace(/.*Not run: (.*?)\. The diagnostics.*/, '$1').split(', ');
  const enabled = RULES.map((r) => r.id); // no rule is off by default
  assert.deepEqual(notRun, enabled.slice(1));
  assert.ok(notRun.includes('unresolved-reference'));
  assert.ok(!found.some((f) => f.rule.id === 'unresolved-reference'));
  assert.match(limit[0].finding.message, new RegExp(`budget 0 ms.*${enabled[0]} took`));
});

test('tinybird-lint.json accepts ruleTimeBudgetMs and rejects a negative one', () => {
  assert.deepEqual(parseProjectConfig('{"ruleTimeBudgetMs": 500}', 'tinybird-lint.json', RULE_IDS).problems, []);
  assert.equal(resolveConfig([parseProjectConfig('{"ruleTimeBudgetMs": 500}', 'f', RULE_IDS).input]).ruleTimeBudgetMs, 500);
  assert.equal(parseProjectConfig('{"ruleTimeBudgetMs": -1}', 'f', RULE_IDS).problems.length, 1);
});
