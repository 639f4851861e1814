// Single large datafiles: in-process indexing time at 1 MB and 10 MB (the ratio shows whether it is
// linear), the peak memory of a whole `check` process on a 1e6-line (17 MB) pipe, and of `fmt` on
// the lines sqlfmt gives up on (10k nested parentheses, 200k calls) and `fmt --diff` of 6,000
// changed lines.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../server/workspace/index';
import { median, round } from './stats';

const SQL_LINE = '    SELECT a, bc\n';
const sqlPipe = (bytes: number) => 'NODE n\nSQL >\n' + SQL_LINE.repeat(Math.ceil(bytes / SQL_LINE.length));

function indexMs(text: string, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const index = new WorkspaceIndex();
    const t0 = performance.now();
    index.update('/bench/large.pipe', text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Wall time and peak RSS of `node dist/cli.js ARGS` (check and fmt with --no-cache: a cached run reads no SQL), from GNU time's `%e %M`. */
function cliProcess(cli: string, args: string[]): { seconds: number; peakMb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const [seconds, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, peakMb: kb / 1024 };
}

export function measureLargeInputs(cli: string): Record<string, unknown> {
  const oneMb = indexMs(sqlPipe(1_000_000), 5);
  const tenMb = indexMs(sqlPipe(10_000_000), 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-large-'));
  const file = path.join(dir, 'million_lines.pipe');
  fs.writeFileSync(file, 'NODE n\nSQL >\n' + SQL_LINE.repeat(1_000_000));
  const runs = [0, 1, 2].map(() => cliProcess(cli, ['check', '--no-cache', file]));
  // Each input in a folder of its own: `check` indexes the file's whole folder.
  const inputs = {
    nested: 'NODE n\nSQL >\n    SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '\n',
    calls: 'NODE n\nSQL >\n    SELECT ' + Array.from({ length: 200_000 }, () => 'f(1)').join(' + ') + '\n',
    // 6,000 SQL lines indented by 2 instead of 4 spaces: fmt --diff changes every one.
    changed: 'NODE n\nSQL >\n' + '  SELECT a\n  UNION ALL\n'.repeat(3_000) + '  SELECT a\n',
  };
  const files = Object.fromEntries(
    Object.entries(inputs).map(([name, text]) => {
      fs.mkdirSync(path.join(dir, name));
      const f = path.join(dir, name, `${name}.pipe`);
      fs.writeFileSync(f, text);
      return [name, f];
    }),
  );
  const nested = cliProcess(cli, ['fmt', '--no-cache', files.nested]);
  const calls = cliProcess(cli, ['fmt', '--no-cache', files.calls]);
  const diff = cliProcess(cli, ['fmt', '--diff', '--no-cache', files.changed]);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    index1MbPipeMs: round(oneMb),
    index10MbPipeMs: round(tenMb),
    ratio10MbTo1Mb: round(tenMb / oneMb),
    checkMillionLinePipeSeconds: round(median(runs.map((r) => r.seconds))),
    checkMillionLinePipePeakRssMb: Math.round(median(runs.map((r) => r.peakMb))),
    fmtNested10kSeconds: round(nested.seconds),
    fmtNested10kPeakRssMb: Math.round(nested.peakMb),
    fmtCalls200kSeconds: round(calls.seconds),
    fmtCalls200kPeakRssMb: Math.round(calls.peakMb),
    fmtDiff6000LinesSeconds: round(diff.seconds),
    fmtDiff6000LinesPeakRssMb: Math.round(diff.peakMb),
  };
}
