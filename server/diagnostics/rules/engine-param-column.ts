// Engine parameters that name columns (ENGINE_VER, ENGINE_IS_DELETED, ENGINE_SIGN, ENGINE_VERSION,
// ENGINE_COLUMNS, ENGINE_KEY_COLUMNS) must name SCHEMA columns.
import type { Finding, Rule } from '../rule';
import { argSpecs, argSubSpan, enginesOf } from '../support/engine';
import { splitTopLevel } from '../support/keyExpr';

export const rule: Rule = {
  id: 'engine-param-column',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE_VER, ENGINE_IS_DELETED, ENGINE_SIGN, ENGINE_VERSION, ENGINE_COLUMNS or ENGINE_KEY_COLUMNS names a column missing from SCHEMA.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (!info.engine || !info.columns?.size) continue;
      for (const spec of argSpecs(info.engine)) {
        const arg = info.args.get(spec.arg);
        if (!arg || !spec.columnRef) continue;
        for (const part of splitTopLevel(arg.value)) {
          const name = part.text.replace(/^`|`$/g, '');
          if (info.columns.has(name)) continue;
          findings.push({
            span: argSubSpan(file, arg, { start: part.start, end: part.start + part.text.length }),
            message: `Invalid value '${name}' for parameter 'engine_${spec.arg}', reason: '${name}' column is not present in schema.`,
          });
        }
      }
    }
    return findings;
  },
};
