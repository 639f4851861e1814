// sqlfmt (inside tb fmt) gives up on some templated SQL, most often an unclosed `{% if %}` or a stray
// `*/`; tb fmt then keeps the text but indents it 4 more spaces on every run, so `tb fmt --diff` can
// never pass on the file. The editor keeps such a node as written; this rule says why and what to fix.
import { unformattableTemplate } from '../../format/nodeSql';
import type { Finding, Rule } from '../rule';

/** sqlfmt's reasons, said as what to change in the SQL. */
function explain(reason: string): string {
  if (reason === 'unterminated tag block') return 'a {% if %} or {% for %} block has no {% end %}';
  if (reason === 'block tag outside a block') return 'an {% else %}, {% elif %} or {% end %} has no opening {% if %} or {% for %}';
  if (reason.startsWith('unterminated')) return `${reason.replace('unterminated', 'an unterminated')}`;
  return `sqlfmt stops at: ${reason}`;
}

export const rule: Rule = {
  id: 'fmt-unstable-template',
  severity: 'warning',
  category: 'fmt',
  summary: 'A templated node that tb fmt cannot format: it re-indents it on every run, so `tb fmt --diff` never passes.',
  check({ file, memo }) {
    const findings: Finding[] = [];
    for (const node of file.parsed.nodes) {
      const sql = node.sql;
      if (!sql?.templated) continue;
      // the memo also keeps black's answer per tag code, which repeats across nodes and files
      const verdict = () => unformattableTemplate(sql, {}, memo);
      const reason = memo ? memo.get(rule.id, sql.text, verdict) : verdict();
      if (!reason) continue;
      findings.push({
        span: { start: sql.command.keyword.start, end: sql.command.keyword.end },
        message:
          `tb fmt cannot format this node's SQL (${explain(reason)}), so it adds 4 spaces of indentation to it on every run ` +
          'and `tb fmt --diff` never passes. Fix the SQL; until then the editor keeps the node as written.',
      });
    }
    return findings;
  },
};
