// Configuration: project file validation, precedence over settings, per-rule severity and options,
// and the `tb-lint-disable` directive.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigStore, parseProjectConfig, PROJECT_CONFIG_FILE, resolveConfig } from '../../server/diagnostics/config';
import { RULE_IDS } from '../../server/diagnostics/registry';
import { FIXTURES, findingsIn, loadWorkspace } from './helpers';

const ids = (root: string, config = resolveConfig([])) => findingsIn(loadWorkspace(root), root, config).map((f) => `${f.found.severity} ${f.found.rule.id}`);

test('the project file is validated: JSON, keys, levels and rule ids', () => {
  assert.match(parseProjectConfig('{', 'x.json', RULE_IDS).problems[0], /invalid JSON/);
  assert.match(parseProjectConfig('{"rulez": {}}', 'x.json', RULE_IDS).problems[0], /Unrecognized key/);
  assert.match(parseProjectConfig('{"rules": {"snapshot-filter": "loud"}}', 'x.json', RULE_IDS).problems[0], /rules\.snapshot-filter/);
  assert.deepEqual(parseProjectConfig('{"rules": {"no-such-rule": "off"}}', 'x.json', RULE_IDS).problems, ['x.json: rules.no-such-rule: unknown rule']);
  const ok = parseProjectConfig('{"rules": {"snapshot-filter": "error"}, "snapshotColumns": ["snapshotId", "snapshot_id"]}', 'x.json', RULE_IDS);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.input.snapshotColumns, ['snapshotId', 'snapshot_id']);
});

test('severity overrides and off', () => {
  const root = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');
  assert.deepEqual(ids(root), ['warning snapshot-filter']);
  assert.deepEqual(ids(root, resolveConfig([{ rules: { 'snapshot-filter': 'error' } }])), ['error snapshot-filter']);
  assert.deepEqual(ids(root, resolveConfig([{ rules: { 'snapshot-filter': 'off' } }])), []);
});

test('snapshot options: column names and explicit multi-snapshot datasources', () => {
  const replace = path.join(FIXTURES, 'snapshot-filter', 'ok-replace-mode-target');
  assert.deepEqual(ids(replace, resolveConfig([{ multiSnapshotDatasources: ['serving_ds'] }])), ['warning snapshot-filter']);
  const flagged = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');
  assert.deepEqual(ids(flagged, resolveConfig([{ snapshotColumns: ['snapshot_id'] }])), []);
});

test('version column option', () => {
  const root = path.join(FIXTURES, 'replacing-ver-column', 'flags-ver-on-ts');
  assert.deepEqual(ids(root, resolveConfig([{ versionColumns: ['ts'] }])), []);
});

test('the project file wins over settings, per root', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tblint-'));
  fs.writeFileSync(path.join(root, PROJECT_CONFIG_FILE), JSON.stringify({ rules: { 'fmt-comment': 'off' } }));
  const store = new ConfigStore(RULE_IDS, (file) => (file.startsWith(root) ? root : path.dirname(file)));
  assert.deepEqual(store.setSettings({ rules: { 'fmt-comment': 'warning', 'fmt-kv-tags': 'error' } }), []);
  assert.deepEqual(store.loadProjects([root]), []);
  const inside = store.forFile(path.join(root, 'pipes', 'a.pipe'));
  assert.equal(inside.rules['fmt-comment'], 'off');
  assert.equal(inside.rules['fmt-kv-tags'], 'error');
  assert.equal(store.forFile('/elsewhere/a.pipe').rules['fmt-comment'], 'warning');
  assert.match(store.setSettings({ rules: { x: 'nope' } })[0], /tinybird\.diagnostics\.rules\.x/);
});

test('tb-lint-disable in SQL or DESCRIPTION silences a node or the file, and survives as text tb fmt keeps', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tblint-'));
  const source = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');
  fs.cpSync(source, root, { recursive: true });
  const reader = path.join(root, 'pipes', 'reader.pipe');
  const index = loadWorkspace(root);
  const count = () => findingsIn(index, root).filter((f) => f.found.rule.id === 'snapshot-filter').length;
  assert.equal(count(), 1);
  index.update(reader, 'NODE latest\nSQL >\n    -- tb-lint-disable snapshot-filter\n    SELECT id, value FROM serving_ds\n');
  assert.equal(count(), 0);
  index.update(reader, 'NODE latest\nSQL >\n    -- tb-lint-disable copy-mode\n    SELECT id, value FROM serving_ds\n');
  assert.equal(count(), 1);
  index.update(reader, 'DESCRIPTION >\n    Sitemap. tb-lint-disable snapshot-filter\n\nNODE latest\nSQL >\n    SELECT id, value FROM serving_ds\n');
  assert.equal(count(), 0);
  index.update(reader, '# tb-lint-disable snapshot-filter\nNODE latest\nSQL >\n    SELECT id, value FROM serving_ds\n');
  assert.equal(count(), 1, '# comments do not count: tb fmt deletes them');
});

test('a tinybird-lint.json syntax error names its line', () => {
  const [problem] = parseProjectConfig('{\n  "rules": {\n    "fmt-comment": "off",\n  }\n}', 'x.json', RULE_IDS).problems;
  assert.match(problem, /^x\.json:4: invalid JSON \(/);
});
