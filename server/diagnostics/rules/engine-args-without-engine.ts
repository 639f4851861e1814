// ENGINE_* lines without an ENGINE line: tb fmt writes a bare `""` line instead of the engine,
// which the next parse swallows into the previous block.
import type { EngineArg } from '../../parser/ast';
import type { Finding, Rule } from '../rule';
import { enginesOf } from '../support/engine';

export const rule: Rule = {
  id: 'engine-args-without-engine',
  severity: 'warning',
  category: 'engine',
  summary: 'ENGINE_* lines without an ENGINE line (tb fmt breaks such a file).',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      if (info.type || !info.args.size) continue;
      const first = [...info.args.values()].sort((a, b) => a.command.span.start - b.command.span.start)[0];
      findings.push({
        span: first.command.keyword,
        message: 'ENGINE_* settings without an ENGINE line: tb fmt writes an empty `""` line in place of the engine and the file no longer parses the same. Add `ENGINE MergeTree` (the default) or the engine you mean.',
        data: first,
      });
    }
    return findings;
  },
  fix({ file }, finding) {
    const first = finding.data as EngineArg;
    const start = file.parsed.text.lastIndexOf('\n', first.command.span.start - 1) + 1;
    return [{ title: 'Add ENGINE MergeTree', edits: [{ span: { start, end: start }, newText: 'ENGINE MergeTree\n' }], preferred: true }];
  },
};
