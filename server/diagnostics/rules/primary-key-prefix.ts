// ClickHouse: "Primary key must be a prefix of the sorting key".
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';
import { keyItems } from '../support/keyExpr';

const normal = (s: string) => s.replace(/[\s`]/g, '');

export const rule: Rule = {
  id: 'primary-key-prefix',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE_PRIMARY_KEY is not a prefix of ENGINE_SORTING_KEY.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const primary = info.args.get('primary_key');
      if (!primary) continue;
      const sorting = keyItems(info.args.get('sorting_key')?.value ?? 'tuple()').map((i) => normal(i.text));
      const items = keyItems(primary.value).map((i) => normal(i.text));
      if (items.every((item, k) => sorting[k] === item)) continue;
      findings.push({
        span: primary.span,
        message: `Primary key must be a prefix of the sorting key, but (${items.join(', ')}) is not a prefix of (${sorting.join(', ')}). Reorder ENGINE_SORTING_KEY or shorten ENGINE_PRIMARY_KEY.`,
      });
    }
    return findings;
  },
};
