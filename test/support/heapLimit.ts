// Peak-memory checks without timings: a script runs in a child Node whose old-generation heap is
// capped, so it fails ("JavaScript heap out of memory") when its peak live heap exceeds the cap; its
// peak RSS also counts what lives outside that heap (typed arrays).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

const PEAK = 'peak-rss-kb ';

/** Runs `body` (TypeScript; `src(relativePath)` imports a project module) under a heap cap of `heapMb` MB: its stdout and peak RSS. */
export function runUnderHeapLimit(heapMb: number, body: string): { ok: boolean; stdout: string; stderr: string; peakRssMb: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-heap-limit-'));
  const script = path.join(dir, 'script.ts');
  const peak = `process.on('exit', () => process.stderr.write('\\n${PEAK}' + process.resourceUsage().maxRSS));`;
  fs.writeFileSync(script, `${peak}\nconst src = (p: string) => require(${JSON.stringify(ROOT)} + '/' + p);\n${body}\n`);
  try {
    const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const kb = Number(run.stderr.split(PEAK).pop());
    return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.slice(-2000), peakRssMb: kb / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
