// The team's rule (seed 000): ReplacingMergeTree deduplicates by `updatedAt`. Without ENGINE_VER,
// a merge keeps an arbitrary row of each key (the last inserted part wins), not the newest update.
import type { Finding, Rule } from '../rule';
import { engineAnchor, enginesOf, insertEngineArg, type EngineInfo } from '../support/engine';

export const rule: Rule = {
  id: 'replacing-without-ver',
  severity: 'warning',
  category: 'engine',
  summary: 'ReplacingMergeTree without ENGINE_VER while SCHEMA has `updatedAt`: deduplication keeps an arbitrary row.',
  check({ file, options }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (info.engine !== 'ReplacingMergeTree' || info.args.has('ver')) continue;
      const column = options.versionColumns.find((c) => info.columns?.has(c));
      if (!column) continue;
      findings.push({
        span: engineAnchor(info),
        message: `ReplacingMergeTree without ENGINE_VER keeps an arbitrary row per sorting key, not the latest one. Add ENGINE_VER ${column} so deduplication keeps the most recent update.`,
        data: { info, column },
      });
    }
    return findings;
  },
  fix({ file }, finding) {
    const { info, column } = finding.data as { info: EngineInfo; column: string };
    return [{ title: `Add ENGINE_VER ${column}`, edits: [insertEngineArg(file, info, 'ver', column)], preferred: true }];
  },
};
