// Replacing/Aggregating/Collapsing engines need a real sorting key (tb: `Missing required option
// 'sorting_key'`, `'tuple()' is not a valid sorting key`).
import type { Finding, Rule } from '../rule';
import { argSpecs, engineAnchor, enginesOf } from '../support/engine';

export const rule: Rule = {
  id: 'engine-sorting-key',
  severity: 'error',
  category: 'engine',
  summary: 'An engine that requires ENGINE_SORTING_KEY has none, or has `tuple()`.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (!info.engine) continue;
      const spec = argSpecs(info.engine).find((a) => a.arg === 'sorting_key');
      if (!spec?.required) continue;
      const key = info.args.get('sorting_key');
      if (!key) {
        findings.push({ span: engineAnchor(info), message: `Missing required option 'sorting_key': ${info.engine} deduplicates by its sorting key. Add ENGINE_SORTING_KEY.` });
      } else if (/^tuple\(\s*\)$/i.test(key.value.trim())) {
        findings.push({ span: key.span, message: `'tuple()' is not a valid sorting key for ${info.engine}. List the columns that identify a row.` });
      }
    }
    return findings;
  },
};
