// Sorting, primary, partition, sampling and TTL keys must only use SCHEMA columns (ClickHouse fails
// with UNKNOWN_IDENTIFIER when the table is created).
import type { Finding, Rule } from '../rule';
import { argSubSpan, enginesOf } from '../support/engine';
import { keyIdentifiers } from '../support/keyExpr';

const KEYS = ['sorting_key', 'primary_key', 'partition_key', 'sampling_key', 'ttl'];

export const rule: Rule = {
  id: 'engine-key-columns',
  severity: 'error',
  category: 'engine',
  summary: 'A sorting, primary, partition, sampling or TTL key names a column that is not in SCHEMA.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (!info.columns?.size) continue;
      for (const key of KEYS) {
        const arg = info.args.get(key);
        if (!arg) continue;
        for (const id of keyIdentifiers(arg.value)) {
          if (info.columns.has(id.name) || info.columns.has(id.name.split('.')[0])) continue;
          findings.push({
            span: argSubSpan(file, arg, id.span),
            message: `Column ${id.name} in ENGINE_${key.toUpperCase()} is not in SCHEMA. Add the column or fix the name.`,
          });
        }
      }
    }
    return findings;
  },
};
