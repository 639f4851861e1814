// The embedded engine on the corpus, driven from the bench process (the engine is its child): fork to
// chDB ready (engineStartMs) and to tables ready (engineReadyMs), node resolution, initial analysis,
// per-node EXPLAIN time and the engine process's resident memory.
import * as fs from 'node:fs';
import { analyseFiles, createProjectTables } from '../server/engine/analysis';
import { EngineClient } from '../server/engine/client';
import { nodeQuery } from '../server/engine/nodeQuery';
import type { WorkspaceIndex } from '../server/workspace/index';
import { round } from './stats';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

export async function measureEngine(index: WorkspaceIndex, enginePath: string): Promise<Record<string, unknown>> {
  const engine = new EngineClient({ enginePath });
  try {
    const t0 = performance.now();
    const { created } = await createProjectTables(engine, index);
    const readyMs = performance.now() - t0;
    const files = [...index.all()];
    const t1 = performance.now();
    for (const f of files) if (f.role === 'pipe') for (const n of f.nodes) if (n.node.command) nodeQuery(index, f, n.name, { tables: created });
    const resolveMs = performance.now() - t1;
    const t2 = performance.now();
    const { findings, stats } = await analyseFiles(engine, index, files, created);
    const analysisMs = performance.now() - t2;
    return {
      tables: created.size,
      engineStartMs: round(engine.startMs),
      engineReadyMs: round(readyMs),
      nodes: stats.nodes,
      analysedNodes: stats.analysed,
      skippedNodes: stats.skipped,
      clickhouseFindings: findings.length,
      resolveAllNodesMs: round(resolveMs),
      initialAnalysisMs: round(analysisMs),
      explainP50Ms: round(quantile(stats.nodeMs, 0.5)),
      explainP95Ms: round(quantile(stats.nodeMs, 0.95)),
      engineRssMb: rssMb(engine.pid),
    };
  } finally {
    await engine.close();
  }
}
