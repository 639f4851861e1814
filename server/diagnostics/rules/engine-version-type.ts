// ReplacingMergeTree's ENGINE_VER and VersionedCollapsingMergeTree's ENGINE_VERSION must be a
// number or a date type, never Nullable or String (`canBeUsedAsVersion`).
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';
import { canBeVersion } from '../support/schema';

export const rule: Rule = {
  id: 'engine-version-type',
  severity: 'error',
  category: 'engine',
  summary: 'The version column (ENGINE_VER / ENGINE_VERSION) has a type that cannot be a version (Nullable, String…).',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const key = info.engine === 'ReplacingMergeTree' ? 'ver' : info.engine === 'VersionedCollapsingMergeTree' ? 'version' : undefined;
      const arg = key && info.args.get(key);
      const column = arg && info.columns?.get(arg.value);
      if (!arg || !column || canBeVersion(column)) continue;
      const type = column.nullable ? `Nullable(${column.type})` : column.type;
      findings.push({
        span: arg.span,
        message: `The column ${column.name} cannot be used as a version column for storage ${info.engine} because it is of type ${type} (must be of an integer type or of type Date/DateTime/DateTime64).`,
      });
    }
    return findings;
  },
};
