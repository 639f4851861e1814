// ENGINE_VER names another column while `updatedAt` exists: the team's convention is that every
// update bumps `updatedAt`, so that is the column that orders versions.
import type { EngineArg } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';

export const rule: Rule = {
  id: 'replacing-ver-column',
  severity: 'info',
  category: 'engine',
  summary: 'ReplacingMergeTree ENGINE_VER names another column while SCHEMA has `updatedAt`.',
  check({ file, options }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const ver = info.args.get('ver');
      if (info.engine !== 'ReplacingMergeTree' || !ver || options.versionColumns.includes(ver.value)) continue;
      const column = options.versionColumns.find((c) => info.columns?.has(c));
      if (!column) continue;
      findings.push({
        span: ver.span,
        message: `ENGINE_VER is ${ver.value}, but the schema has ${column}, which every update sets. Use ENGINE_VER ${column} unless ${ver.value} is meant to order versions.`,
        data: { ver, column },
      });
    }
    return findings;
  },
  fix(_ctx, finding) {
    const { ver, column } = finding.data as { ver: EngineArg; column: string };
    return [{ title: `Use ENGINE_VER ${column}`, edits: [{ span: ver.span, newText: column }] }];
  },
};
