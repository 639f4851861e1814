// Latency of hover, definition, references and completion, called as the server calls them, on
// positions spread over every datafile of an index: each resolved name (resources, nodes, columns)
// plus evenly spaced offsets. Two regimes: `warm` (caches filled by a previous request) and
// `afterEdit` (another file was just edited, so every per-file cache is stale).
import { performance } from 'node:perf_hooks';
import { completion } from '../server/features/completion';
import { definition } from '../server/features/definition';
import { hover } from '../server/features/hover';
import { references } from '../server/features/references';
import { occurrences } from '../server/semantic/symbols';
import { pathToUri } from '../server/lsp/convert';
import type { FileFacts } from '../server/workspace/facts';
import type { WorkspaceIndex } from '../server/workspace/index';
import { percentile } from './stats';

export type Feature = 'hover' | 'definition' | 'references' | 'completion';

export interface Stats {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export interface FeatureLatency {
  files: number;
  positions: number;
  warm: Record<Feature, Stats>;
  afterEdit: Record<Feature, Stats>;
}

export interface FeatureLatencyOptions {
  /** Positions measured per feature and regime (spread evenly over the sampled ones). */
  maxPositions?: number;
  /** Evenly spaced extra offsets per file, besides the resolved names. */
  offsetsPerFile?: number;
}

const FEATURES: Record<Feature, (index: WorkspaceIndex, file: FileFacts, offset: number) => unknown> = {
  hover: (index, file, offset) => hover({ index, uriOf: pathToUri }, file, offset),
  definition: (index, file, offset) => definition({ index, uriOf: pathToUri }, file, offset),
  references: (index, file, offset) => references({ index, uriOf: pathToUri }, file, offset, true),
  completion: (index, file, offset) => completion({ index, uriOf: pathToUri }, file, offset),
};

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { samples: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1]) };
}

/** Positions to measure: every resolved name's middle, plus evenly spaced offsets, thinned to `max`. */
function samplePositions(index: WorkspaceIndex, options: Required<FeatureLatencyOptions>): { file: FileFacts; offset: number }[] {
  const all: { file: FileFacts; offset: number }[] = [];
  for (const file of index.all()) {
    for (const o of occurrences(index, file)) all.push({ file, offset: (o.span.start + o.span.end) >> 1 });
    const length = file.parsed.text.length;
    for (let k = 1; k <= options.offsetsPerFile; k++) all.push({ file, offset: Math.floor((k * length) / (options.offsetsPerFile + 1)) });
  }
  const step = Math.max(1, all.length / options.maxPositions);
  const out: { file: FileFacts; offset: number }[] = [];
  for (let i = 0; i < all.length && out.length < options.maxPositions; i += step) out.push(all[Math.floor(i)]);
  return out;
}

export function measureFeatureLatency(index: WorkspaceIndex, options: FeatureLatencyOptions = {}): FeatureLatency {
  const opts = { maxPositions: options.maxPositions ?? 2000, offsetsPerFile: options.offsetsPerFile ?? 8 };
  const positions = samplePositions(index, opts);
  const files = [...index.all()];
  const time = (feature: Feature, file: FileFacts, offset: number) => {
    const start = performance.now();
    FEATURES[feature](index, index.get(file.path) ?? file, offset);
    return performance.now() - start;
  };
  const warm = {} as Record<Feature, Stats>;
  const afterEdit = {} as Record<Feature, Stats>;
  for (const feature of Object.keys(FEATURES) as Feature[]) {
    for (const p of positions) time(feature, p.file, p.offset);
    warm[feature] = stats(positions.map((p) => time(feature, p.file, p.offset)));
    afterEdit[feature] = stats(
      positions.map((p, i) => {
        const edited = files[(i * 7919) % files.length];
        index.update(edited.path, index.text(edited.path)!);
        return time(feature, p.file, p.offset);
      }),
    );
  }
  return { files: files.length, positions: positions.length, warm, afterEdit };
}
