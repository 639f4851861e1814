// Single large datafiles: in-process indexing time at 1 MB and 10 MB (the ratio shows whether it is
// linear), and the peak memory of a whole `check` process on a 1e6-line (17 MB) pipe.
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

/** Wall time and peak RSS of `node dist/cli.js check --no-cache FILE` (a cached run reads no SQL), from GNU time's `%e %M`. */
function checkProcess(cli: string, file: string): { seconds: number; peakMb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'check', '--no-cache', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const [seconds, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, peakMb: kb / 1024 };
}

export function measureLargeInputs(cli: string): Record<string, unknown> {
  const oneMb = indexMs(sqlPipe(1_000_000), 5);
  const tenMb = indexMs(sqlPipe(10_000_000), 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-large-'));
  const file = path.join(dir, 'million_lines.pipe');
  fs.writeFileSync(file, 'NODE n\nSQL >\n' + SQL_LINE.repeat(1_000_000));
  const runs = [0, 1, 2].map(() => checkProcess(cli, file));
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    index1MbPipeMs: round(oneMb),
    index10MbPipeMs: round(tenMb),
    ratio10MbTo1Mb: round(tenMb / oneMb),
    checkMillionLinePipeSeconds: round(median(runs.map((r) => r.seconds))),
    checkMillionLinePipePeakRssMb: Math.round(median(runs.map((r) => r.peakMb))),
  };
}
