// The ready-made CI set-ups run as documented: every tb-datafiles command of the README's GitHub
// Actions job, and both hooks of .pre-commit-hooks.yaml, on a formatted project (run from the sources).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { REPO_ROOT } from '../support/shared';
import { cli, project } from './support';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
const CLEAN = {
  'datasources/events.datasource': 'SCHEMA >\n    `id` String\n\nENGINE MergeTree\nENGINE_SORTING_KEY id\n',
  'pipes/events_count.pipe': 'NODE n\nSQL >\n    SELECT count() AS c FROM events\n',
};

/** The arguments of a `tb-datafiles …` command line (up to a redirection or `||`). */
const argsOf = (line: string): string[] => line.replace(/^.*?tb-datafiles\s+/, '').split(/\s+(?:>|\|\|)/)[0].trim().split(/\s+/);

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}

test("the README's GitHub Actions job: its commands succeed on a formatted project; its tarball is what pack:cli makes", () => {
  const block = /```yaml\n(# \.github\/workflows\/tinybird-datafiles\.yml\n[\s\S]*?)```/.exec(README);
  assert.ok(block, 'the workflow block of the README');
  const workflow = yaml.load(block[1]) as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0].steps;
  const commands = steps.flatMap((s) => (s.run ?? '').split('\n')).filter((l) => /^\s*tb-datafiles /.test(l));
  assert.equal(commands.length, 3);
  const dir = project(CLEAN);
  for (const line of commands) {
    const r = cli(argsOf(line), { cwd: dir });
    assert.equal(r.code, 0, `${line}\n${r.out}${r.err}`);
    if (line.includes('--format sarif')) assert.equal(JSON.parse(r.out).version, '2.1.0');
  }
  assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')), 'the SARIF upload');
  assert.ok(steps.some((s) => s.run?.includes(`tinybird-datafiles-cli-${PACKAGE_VERSION}.tgz`)), 'installs the tarball pack:cli names');
  fs.rmSync(dir, { recursive: true });
});

test('.pre-commit-hooks.yaml: both hooks run on a staged datafile, and fmt rewrites one that is not formatted', () => {
  const hooks = yaml.load(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; language: string }[];
  assert.deepEqual(hooks.map((h) => h.id), ['tb-datafiles-fmt', 'tb-datafiles-check']);
  for (const hook of hooks) {
    const files = new RegExp(hook.files);
    assert.deepEqual(['a.pipe', 'b.datasource', 'c.incl', 'notes.txt', 'x.pipe.bak'].map((f) => files.test(f)), [true, true, true, false, false], hook.id);
    assert.equal(hook.language, 'system');
  }
  const dir = project({ ...CLEAN, 'pipes/messy.pipe': 'NODE m\nSQL >\n  select 1\n' });
  const [fmt, check] = hooks.map((h) => argsOf(h.entry));
  // pre-commit appends the staged file names to the entry.
  assert.equal(cli([...fmt, 'pipes/events_count.pipe'], { cwd: dir }).code, 0);
  assert.equal(cli([...check, 'pipes/events_count.pipe'], { cwd: dir }).code, 0);
  const rewritten = cli([...fmt, 'pipes/messy.pipe'], { cwd: dir });
  assert.equal(fs.readFileSync(path.join(dir, 'pipes/messy.pipe'), 'utf8'), 'NODE m\nSQL >\n    select 1\n', rewritten.err);
  fs.rmSync(dir, { recursive: true });
});
