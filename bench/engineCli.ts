// `check --engine` on the corpus as a user runs it: one whole CLI process per run (index, engine start,
// tables, every node analysed), its wall time and what it found.
import { spawnSync } from 'node:child_process';
import { median, round } from './stats';

export function measureEngineCli(cliPath: string, corpus: string, runs: number): Record<string, unknown> {
  const times: number[] = [];
  let findings: { rule: string }[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [cliPath, 'check', '--engine', '--no-cache', '--format', 'json', corpus], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    times.push(performance.now() - t0);
    if (result.status !== 0 && result.status !== 1) throw new Error(`check --engine exited ${result.status}: ${result.stderr}`);
    findings = JSON.parse(result.stdout) as { rule: string }[];
  }
  return {
    runs,
    checkEngineWallMs: round(median(times)),
    checkEngineWallMsAll: times.map(round).join(' / '),
    clickhouseFindings: findings.filter((f) => f.rule === 'clickhouse').length,
    otherFindings: findings.filter((f) => f.rule !== 'clickhouse').length,
  };
}
