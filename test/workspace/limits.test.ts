// Nothing a file can do takes the index down: INCLUDE expansion is capped (size and depth) with a
// diagnostic at the INCLUDE and shared between identical INCLUDEs, diagnostics are capped per file,
// and a file above the size limit is summarised instead of analysed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { diagnoseFile, runRules } from '../../server/diagnostics/index';
import { WorkspaceIndex } from '../../server/workspace/index';
import { MAX_DIAGNOSTICS_PER_FILE, MAX_INCLUDE_DEPTH, MAX_INCLUDED_PARTS } from '../../server/workspace/limits';

const ROOT = path.resolve('/project');

/** `top.pipe` includes level 0; level i includes level i+1 `fanOut` times; the last level has a node. */
function chain(levels: number, fanOut: number): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (let i = levels - 1; i >= 0; i--) {
    const body = i === levels - 1 ? 'NODE leaf\nSQL >\n    SELECT 1\n' : `INCLUDE "l${i + 1}.incl"\n`.repeat(fanOut);
    index.update(path.join(ROOT, `l${i}.incl`), body);
  }
  index.update(path.join(ROOT, 'top.pipe'), 'INCLUDE "l0.incl"\n\nNODE own\nSQL >\n    SELECT 2\n');
  return index;
}

function limitFindings(index: WorkspaceIndex, file: string) {
  return runRules(index, index.get(file)!).filter((f) => f.rule.id === 'resource-limit');
}

test('level i including level i+1 twice, 31 levels deep: the expansion stops at the cap, with a diagnostic at the INCLUDE', { timeout: 60_000 }, () => {
  const index = chain(31, 2);
  const top = index.get(path.join(ROOT, 'top.pipe'))!;
  assert.ok(index.includedParts(top).length <= MAX_INCLUDED_PARTS);
  const [finding] = limitFindings(index, top.path);
  assert.ok(finding, 'a resource-limit diagnostic');
  assert.equal(top.parsed.includes[0].pathSpan.start, finding.finding.span.start, 'at the INCLUDE of top.pipe');
  assert.match(finding.finding.message, /^This INCLUDE expands to/);
  assert.deepEqual(index.nodesOf(top).map((n) => n.node.name).at(-1), 'own', 'the file itself is still analysed');
});

test('a wide expansion within the depth limit stops at the parts cap', () => {
  const index = chain(12, 2); // 2^12 leaves, 12 deep
  const top = index.get(path.join(ROOT, 'top.pipe'))!;
  assert.equal(index.includedParts(top).length, MAX_INCLUDED_PARTS);
  const [finding] = limitFindings(index, top.path);
  assert.match(finding.finding.message, new RegExp(`more than ${MAX_INCLUDED_PARTS} included parts`));
});

test('identical INCLUDEs share one expansion', () => {
  const index = chain(4, 2);
  const parts = index.includedParts(index.get(path.join(ROOT, 'top.pipe'))!);
  const leaves = parts.filter((p) => p.includePath.endsWith('l3.incl'));
  assert.equal(leaves.length, 8);
  assert.equal(new Set(leaves.map((p) => p.facts)).size, 1);
});

test('a chain deeper than the depth limit stops there, with a diagnostic at the INCLUDE', () => {
  const index = chain(MAX_INCLUDE_DEPTH + 5, 1);
  const top = index.get(path.join(ROOT, 'top.pipe'))!;
  const depth = Math.max(...index.includedParts(top).map((p) => p.order.length));
  assert.equal(depth, MAX_INCLUDE_DEPTH);
  const [finding] = limitFindings(index, top.path);
  assert.match(finding.finding.message, new RegExp(`nested more than ${MAX_INCLUDE_DEPTH} deep`));
});

test('editing an included file refreshes the shared expansion', () => {
  const index = chain(3, 2);
  index.update(path.join(ROOT, 'l2.incl'), 'NODE renamed\nSQL >\n    SELECT 1\n');
  const names = index.nodesOf(index.get(path.join(ROOT, 'top.pipe'))!).map((n) => n.node.name);
  assert.deepEqual(names, ['renamed', 'renamed', 'renamed', 'renamed', 'own']);
});

test('diagnostics are capped per file with one "N more not shown" diagnostic', () => {
  const index = new WorkspaceIndex();
  const file = path.join(ROOT, 'many.pipe');
  const count = MAX_DIAGNOSTICS_PER_FILE + 250;
  index.update(file, Array.from({ length: count }, (_, i) => `BOGUS${i}\n`).join(''));
  const diagnostics = diagnoseFile(index, index.get(file)!);
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
  const last = diagnostics.at(-1)!;
  assert.equal(last.code, 'resource-limit');
  assert.match(last.message, /^\d+ more diagnostics not shown/);
  const shown = diagnostics.filter((d) => d.code === 'unknown-keyword').length;
  assert.equal(Number(/^(\d+)/.exec(last.message)![1]) + shown, count);
});

test('a file above the size limit is not analysed; one diagnostic says so', () => {
  const index = new WorkspaceIndex({ maxFileBytes: () => 1000 });
  const file = path.join(ROOT, 'huge.pipe');
  index.update(file, 'BOGUS\n'.repeat(1000));
  const facts = index.get(file)!;
  assert.equal(facts.nodes.length, 0);
  const diagnostics = diagnoseFile(index, facts);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'resource-limit');
  assert.match(diagnostics[0].message, /6000 bytes, above the limit of 1000 bytes .*not analysed/);
});
