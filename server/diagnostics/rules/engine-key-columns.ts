// Sorting, primary, partition, sampling and TTL keys must only use SCHEMA columns (ClickHouse fails
// with UNKNOWN_IDENTIFIER when the table is created). The columns Tinybird adds (Kafka metadata,
// import date) count as SCHEMA columns.
import type { Finding, Rule } from '../rule';
import { argSubSpan, enginesOf } from '../support/engine';
import { keyIdentifiers } from '../support/keyExpr';
import { addedColumns } from '../../semantic/tables';

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
      const added = new Set(addedColumns(file).map((c) => c.name));
      for (const key of KEYS) {
        const arg = info.args.get(key);
        if (!arg) continue;
        for (const id of keyIdentifiers(arg.value)) {
          const base = id.name.split('.')[0];
          if (info.columns.has(id.name) || info.columns.has(base) || added.has(base)) continue;
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
