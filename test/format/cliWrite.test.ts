// `fmt --write` never damages a file: encoding, owner, mode, links, read-only files, unwritable
// folders, edits made while formatting, and the temporary file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runFmt, type CliIO } from '../../cli/fmt';
import { readForRewrite, rewrite } from '../../cli/safeWrite';
import { REPO_ROOT } from '../support/corpus';

const MESSY = 'NODE n\nSQL >\n  select 1\n';
const CLEAN = 'NODE n\nSQL >\n    select 1\n';
const NOBODY = 65534;

function folder(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'tb-write-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function file(dir: string, name: string, text: string | Buffer = MESSY): string {
  const full = path.join(dir, name);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), color: false };
  return { code: runFmt(args, io), out, err };
}

test('a file that is not valid UTF-8 is refused with the decoder reason and left untouched', () => {
  const dir = folder();
  const bytes = Buffer.concat([Buffer.from("NODE n\nSQL >\n  select 'caf"), Buffer.from([0xe9]), Buffer.from("'\n")]);
  const bad = file(dir, 'bad.pipe', bytes);
  const good = file(dir, 'good.pipe');
  const { code, err } = run(['--write', dir]);
  assert.equal(code, 2);
  assert.match(err, /bad\.pipe: 'utf-8' codec can't decode byte 0xe9 in position 26: invalid continuation byte/);
  assert.deepEqual(fs.readFileSync(bad), bytes);
  assert.equal(fs.readFileSync(good, 'utf8'), CLEAN);
  fs.rmSync(dir, { recursive: true });
});

test('the decoder reasons name truncated sequences and stray bytes like tb', () => {
  const dir = folder();
  const cases: [number[], string][] = [
    [[0x61, 0xe2, 0x82], "bytes in position 1-2: unexpected end of data"],
    [[0x61, 0x80], 'byte 0x80 in position 1: invalid start byte'],
    [[0xe2, 0x82, 0x61], 'bytes in position 0-1: invalid continuation byte'],
    [[0xed, 0xa0, 0x80], 'byte 0xed in position 0: invalid continuation byte'],
  ];
  for (const [bytes, reason] of cases) {
    const target = file(dir, 'x.pipe', Buffer.from(bytes));
    const { code, err } = run(['--check', target]);
    assert.equal(code, 2);
    assert.equal(err, `${target}: 'utf-8' codec can't decode ${reason}\n`);
  }
  fs.rmSync(dir, { recursive: true });
});

test('the owner and mode of a rewritten file are kept', () => {
  const dir = folder();
  const target = file(dir, 'owned.pipe');
  fs.chownSync(target, NOBODY, NOBODY);
  fs.chmodSync(target, 0o640);
  assert.equal(run(['--write', target]).code, 0);
  const stat = fs.statSync(target);
  assert.deepEqual([stat.uid, stat.gid, stat.mode & 0o7777], [NOBODY, NOBODY, 0o640]);
  assert.equal(fs.readFileSync(target, 'utf8'), CLEAN);
  fs.rmSync(dir, { recursive: true });
});

test('hard links stay one file', () => {
  const dir = folder();
  const target = file(dir, 'a.pipe');
  fs.linkSync(target, path.join(dir, 'b.pipe'));
  assert.equal(run(['--write', target]).code, 0);
  assert.equal(fs.statSync(target).ino, fs.statSync(path.join(dir, 'b.pipe')).ino);
  assert.equal(fs.readFileSync(path.join(dir, 'b.pipe'), 'utf8'), CLEAN);
  fs.rmSync(dir, { recursive: true });
});

test('a symlinked datafile is found by folder walks and written through its link', () => {
  const dir = folder();
  const real = file(dir, 'shared/real.pipe');
  const link = path.join(dir, 'pipes', 'link.pipe');
  fs.mkdirSync(path.dirname(link));
  fs.symlinkSync(real, link);
  const check = run(['--check', path.join(dir, 'pipes')]);
  assert.equal(check.code, 1);
  assert.equal(check.out, `${link}\n`);
  assert.equal(run(['--write', path.join(dir, 'pipes')]).code, 0);
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(fs.readFileSync(real, 'utf8'), CLEAN);
  fs.rmSync(dir, { recursive: true });
});

test('a read-only file is refused unless --allow-read-only is given; the other files are written', () => {
  const dir = folder();
  const locked = file(dir, 'locked.pipe');
  const open = file(dir, 'open.pipe');
  fs.chmodSync(locked, 0o444);
  const { code, err } = run(['--write', dir]);
  assert.equal(code, 2);
  assert.match(err, /locked\.pipe: read-only; not written \(--allow-read-only writes it\)/);
  assert.equal(fs.readFileSync(locked, 'utf8'), MESSY);
  assert.equal(fs.readFileSync(open, 'utf8'), CLEAN);
  assert.equal(run(['--write', '--allow-read-only', locked]).code, 0);
  assert.equal(fs.readFileSync(locked, 'utf8'), CLEAN);
  assert.equal(fs.statSync(locked).mode & 0o7777, 0o444);
  fs.rmSync(dir, { recursive: true });
});

test('an unwritable folder is a per-file error with exit code 2, and the other files are still written', () => {
  const dir = folder();
  const stuck = file(dir, 'locked/stuck.pipe');
  const free = file(dir, 'free/ok.pipe');
  for (const f of [stuck, free, path.dirname(free)]) fs.chownSync(f, NOBODY, NOBODY);
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'fmt', '--write', path.join(dir, 'free'), path.join(dir, 'locked')], {
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
  });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /stuck\.pipe: cannot write: EACCES/);
  assert.doesNotMatch(result.stderr, /\n\s+at /); // no stack trace
  assert.equal(fs.readFileSync(stuck, 'utf8'), MESSY);
  assert.equal(fs.readFileSync(free, 'utf8'), CLEAN);
  fs.rmSync(dir, { recursive: true });
});

test('an edit made after reading is never overwritten', () => {
  const dir = folder();
  const target = file(dir, 'edited.pipe');
  const snapshot = readForRewrite(target);
  assert.ok(snapshot.ok);
  fs.appendFileSync(target, 'NODE added\n');
  assert.match(rewrite(snapshot, CLEAN) ?? '', /changed since it was read/);
  assert.equal(fs.readFileSync(target, 'utf8'), `${MESSY}NODE added\n`);
  fs.rmSync(dir, { recursive: true });
});

test('an edit of the same size within the same clock tick is caught by the content hash', () => {
  const dir = folder();
  const target = file(dir, 'same.pipe');
  const snapshot = readForRewrite(target);
  assert.ok(snapshot.ok);
  const { mtime, atime } = fs.statSync(target);
  fs.writeFileSync(target, MESSY.replace('1', '2'));
  fs.utimesSync(target, atime, mtime);
  assert.match(rewrite(snapshot, CLEAN) ?? '', /changed since it was read/);
  fs.rmSync(dir, { recursive: true });
});

test('the temporary file is not at a predictable name: a planted symlink there is not followed', () => {
  const dir = folder();
  const target = file(dir, 'messy.pipe');
  const victim = file(dir, 'victim.txt', 'keep me');
  fs.symlinkSync(victim, path.join(dir, `.messy.pipe.${process.pid}.tb-fmt.tmp`));
  assert.equal(run(['--write', target]).code, 0);
  assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me');
  assert.equal(fs.readFileSync(target, 'utf8'), CLEAN);
  assert.deepEqual(fs.readdirSync(dir).sort(), [`.messy.pipe.${process.pid}.tb-fmt.tmp`, 'messy.pipe', 'victim.txt']);
  fs.rmSync(dir, { recursive: true });
});
