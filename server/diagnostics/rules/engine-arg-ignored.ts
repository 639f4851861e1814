// ENGINE_* arguments the engine does not declare are silently dropped by `engine_full_from_dict`.
import type { EngineArg } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { argSpecs, enginesOf } from '../support/engine';
import { removeLine } from '../support/edits';

export const rule: Rule = {
  id: 'engine-arg-ignored',
  severity: 'warning',
  category: 'engine',
  summary: 'An ENGINE_* argument that the engine does not take (e.g. ENGINE_VER on MergeTree) is ignored.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (!info.engine) continue;
      const accepted = new Set<string>(argSpecs(info.engine).map((a) => a.arg));
      for (const arg of info.args.values()) {
        if (accepted.has(arg.name)) continue;
        findings.push({
          span: arg.command.keyword,
          message: `${arg.command.keyword.text.toUpperCase()} is ignored by ${info.engine}. Remove it, or change ENGINE to one that takes it.`,
          data: arg,
        });
      }
    }
    return findings;
  },
  fix({ file }, finding) {
    const arg = finding.data as EngineArg;
    return [{ title: `Remove ${arg.command.keyword.text.toUpperCase()}`, edits: [removeLine(file.parsed.text, arg.command.span)] }];
  },
};
