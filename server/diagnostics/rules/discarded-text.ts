// Text after `KEYWORD >` on the same line: tb drops it (`SQL > SELECT 1` loses `SELECT 1`).
import type { Command } from '../../parser/ast';
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'discarded-text',
  severity: 'warning',
  category: 'grammar',
  summary: 'Text after `KEYWORD >` on the same line, which tb discards.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const command of file.parsed.commands) {
      const discarded = command.block?.discarded;
      if (!discarded) continue;
      findings.push({
        span: discarded,
        message: `tb discards the text after \`${command.keyword.text} >\`. Move it to the next line, indented.`,
        data: command,
      });
    }
    return findings;
  },
  fix({ file }, finding) {
    const command = finding.data as Command;
    const { marker, discarded } = command.block!;
    const moved = file.parsed.text.slice(discarded!.start, discarded!.end);
    return [{ title: 'Move the text to the next line', edits: [{ span: { start: marker.end, end: discarded!.end }, newText: `\n    ${moved}` }], preferred: true }];
  },
};
