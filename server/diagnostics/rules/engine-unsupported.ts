// Engines outside tb's ENABLED_ENGINES are refused at push.
import { ENGINES } from '../../catalog/keywords';
import type { ValueRef } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';
import { closest } from '../support/similar';

const NAMES = ENGINES.map((e) => e.name);

export const rule: Rule = {
  id: 'engine-unsupported',
  severity: 'error',
  category: 'engine',
  summary: 'ENGINE names an engine Tinybird does not support.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (info.engine || !info.type) continue;
      findings.push({
        span: info.type.span,
        message: `Engine ${info.type.value} is not supported, supported engines include: ${NAMES.join(', ')}`,
        data: info.type,
      });
    }
    return findings;
  },
  fix(_ctx, finding) {
    const type = finding.data as ValueRef;
    const best = closest(type.value, NAMES);
    return best ? [{ title: `Change to ${best}`, edits: [{ span: type.span, newText: best }], preferred: true }] : [];
  },
};
