// ClickHouse: "TTL expression result column should have Date, Date32, DateTime or DateTime64 type".
// Reported when a TTL item is a column (plus intervals) of a non-date type.
import type { Finding, Rule } from '../rule';
import { argSubSpan, enginesOf } from '../support/engine';
import { splitTopLevel } from '../support/keyExpr';
import { baseType, isDateType } from '../support/schema';

const ITEM = /^`?([A-Za-z_][A-Za-z0-9_.]*)`?(\s*[+-]\s*(INTERVAL\s+\S+\s+\w+|toInterval\w+\([^)]*\)))*(\s+(DELETE|TO\s|RECOMPRESS|WHERE|GROUP\s+BY)[\s\S]*)?$/i;

export const rule: Rule = {
  id: 'ttl-type',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE_TTL is not a Date/DateTime expression.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const ttl = info.args.get('ttl');
      if (!ttl || !info.columns) continue;
      for (const part of splitTopLevel(ttl.value)) {
        const m = ITEM.exec(part.text);
        const column = m && info.columns.get(m[1]);
        if (!column || (!column.nullable && isDateType(baseType(column)))) continue;
        findings.push({
          span: argSubSpan(file, ttl, { start: part.start, end: part.start + m![1].length + (part.text.startsWith('`') ? 2 : 0) }),
          message: `TTL expression result column should have Date or DateTime type, but ${column.name} has ${column.nullable ? `Nullable(${column.type})` : column.type}. Use a date column or convert it (e.g. toDateTime(${column.name})).`,
        });
      }
    }
    return findings;
  },
};
