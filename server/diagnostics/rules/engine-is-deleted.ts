// ENGINE_IS_DELETED: a UInt8 column, only together with ENGINE_VER, and not the version column itself.
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';
import { baseType } from '../support/schema';

export const rule: Rule = {
  id: 'engine-is-deleted',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE_IS_DELETED is not UInt8, is used without ENGINE_VER, or is the ENGINE_VER column.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const arg = info.args.get('is_deleted');
      if (!arg || info.engine !== 'ReplacingMergeTree') continue;
      const ver = info.args.get('ver');
      const column = info.columns?.get(arg.value);
      if (!ver) {
        findings.push({ span: arg.span, message: 'ENGINE_IS_DELETED can only be used together with ENGINE_VER. Add ENGINE_VER.' });
      } else if (ver.value === arg.value) {
        findings.push({ span: arg.span, message: `The version and is_deleted column cannot be the same column (${arg.value}).` });
      }
      if (column && (column.nullable || baseType(column) !== 'UInt8')) {
        findings.push({ span: arg.span, message: `is_deleted column (${arg.value}) for storage ReplacingMergeTree must have type UInt8, but has ${column.nullable ? `Nullable(${column.type})` : column.type}.` });
      }
    }
    return findings;
  },
};
