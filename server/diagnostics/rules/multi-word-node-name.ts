// `NODE a b` names the node `a`; `NODE "a b"` is written back by tb fmt as `NODE a b`, which then
// re-parses as `a`.
import type { Command } from '../../parser/ast';
import { unquote } from '../../parser/shlex';
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'multi-word-node-name',
  severity: 'warning',
  category: 'grammar',
  summary: 'A node name with spaces: tb keeps only the first word (after tb fmt, in the quoted case).',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of file.parsed.nodes) {
      const command = node.command;
      if (!command || command.name !== 'node' || !command.args.length) continue;
      if (command.args.length === 1 && !/\s/.test(node.name)) continue;
      findings.push({
        span: command.valueSpan,
        message: `Node names cannot contain spaces: tb names this node \`${node.name.split(/\s+/)[0]}\` (tb fmt turns a quoted name into separate words). Use underscores.`,
        data: command,
      });
    }
    return findings;
  },
  fix(_ctx, finding) {
    const command = finding.data as Command;
    const words = command.args.flatMap((a) => unquote(a.text).trim().split(/\s+/));
    return [{ title: `Rename the node to ${words.join('_')}`, edits: [{ span: command.valueSpan, newText: words.join('_') }], preferred: true }];
  },
};
