// Required engine parameters (Collapsing: SIGN; VersionedCollapsing: SIGN, VERSION; Join: all three)
// and the fixed value sets of ENGINE_JOIN_STRICTNESS / ENGINE_JOIN_TYPE.
import type { Finding, Rule } from '../rule';
import { argSpecs, engineAnchor, enginesOf } from '../support/engine';

export const rule: Rule = {
  id: 'engine-required-param',
  severity: 'error',
  category: 'engine',
  summary: 'A required engine parameter is missing (SIGN, VERSION, JOIN_*), or a JOIN_* value is not allowed.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (!info.engine) continue;
      for (const spec of argSpecs(info.engine)) {
        if (spec.kind !== 'param') continue;
        const arg = info.args.get(spec.arg);
        if (!arg && spec.required) {
          findings.push({ span: engineAnchor(info), message: `Missing required parameter '${spec.arg}': ${info.engine} needs ${spec.keyword}.` });
        } else if (arg && spec.values && !spec.values.some((v) => v.value === arg.value.toUpperCase())) {
          findings.push({ span: arg.span, message: `Invalid value '${arg.value}' for ${spec.keyword}. Use one of: ${spec.values.map((v) => v.value).join(', ')}.` });
        }
      }
    }
    return findings;
  },
};
