// Collapsing engines: ENGINE_SIGN is an Int8 column, different from ENGINE_VERSION.
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';
import { baseType } from '../support/schema';

export const rule: Rule = {
  id: 'engine-sign',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE_SIGN is not an Int8 column, or is the ENGINE_VERSION column.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const arg = info.args.get('sign');
      if (!arg || (info.engine !== 'CollapsingMergeTree' && info.engine !== 'VersionedCollapsingMergeTree')) continue;
      const column = info.columns?.get(arg.value);
      if (column && (column.nullable || baseType(column) !== 'Int8')) {
        findings.push({ span: arg.span, message: `Sign column (${arg.value}) for storage ${info.engine} must have type Int8, but has ${column.nullable ? `Nullable(${column.type})` : column.type}.` });
      }
      if (info.args.get('version')?.value === arg.value) {
        findings.push({ span: arg.span, message: `The version and sign column cannot be the same column (${arg.value}).` });
      }
    }
    return findings;
  },
};
