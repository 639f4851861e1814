// tb fmt deletes every `#` comment (and tb already ignores them): notes kept there are lost on the
// next format. DESCRIPTION survives, so the fix moves the text there.
import type { DatafileNode, Span } from '../../parser/ast';
import { splitLines } from '../../parser/lines';
import { lexLine } from '../../parser/shlex';
import type { FileFacts } from '../../workspace/facts';
import type { Finding, Rule } from '../rule';
import { appendToDescription } from '../support/description';
import { deleteAndInsert, removeLine } from '../support/edits';

interface Data {
  /** What to delete: the whole line, or the trailing comment. */
  remove: Span;
  wholeLine: boolean;
  text: string;
}

/** The node a comment documents: the NODE right after a run of comments, else the node it sits in. */
function ownerOf(file: FileFacts, offset: number): DatafileNode | undefined {
  if (file.role === 'datasource') return undefined;
  const text = file.parsed.text;
  const nodes = file.parsed.nodes.filter((n) => n.command);
  const next = file.parsed.commands.find((c) => c.span.start > offset);
  const following = next && nodes.find((n) => n.command === next);
  const lineEnd = text.indexOf('\n', offset);
  if (following && lineEnd >= 0) {
    const between = text.slice(lineEnd + 1, next.span.start).split('\n');
    if (between.every((l) => !l.trim() || l.trim().startsWith('#'))) return following;
  }
  return [...nodes].reverse().find((n) => n.command!.span.start < offset);
}

export const rule: Rule = {
  id: 'fmt-comment',
  severity: 'info',
  category: 'fmt',
  summary: '`#` comments, which tb fmt deletes.',
  check({ file }) {
    const findings: Finding[] = [];
    const text = file.parsed.text;
    const keywordLines = new Set(file.parsed.commands.map((c) => c.line));
    splitLines(text).forEach((line, n) => {
      const trimmed = line.text.trimStart();
      let data: Data | undefined;
      if (trimmed.startsWith('#')) {
        data = { remove: { start: line.end - trimmed.length, end: line.end }, wholeLine: true, text: trimmed };
      } else if (keywordLines.has(n) && line.text.includes('#')) {
        const tokens = lexLine(line.text, line.start).tokens;
        const after = text.slice(tokens[tokens.length - 1].end, line.end);
        const hash = after.indexOf('#');
        if (hash >= 0 && !after.slice(0, hash).trim()) {
          data = { remove: { start: tokens[tokens.length - 1].end, end: line.end }, wholeLine: false, text: after.trim() };
        }
      }
      if (!data) return;
      findings.push({
        span: { start: data.remove.end - data.text.length, end: data.remove.end },
        message: 'tb fmt deletes # comments (and tb ignores them). Keep the note in DESCRIPTION, or in an SQL -- comment.',
        data,
      });
    });
    return findings;
  },
  fix({ file }, finding) {
    const data = finding.data as Data;
    const deletion = data.wholeLine ? removeLine(file.parsed.text, data.remove) : { span: data.remove, newText: '' };
    const note = data.text.replace(/^#+\s*/, '').trim();
    if (!note) return [{ title: 'Remove the empty comment', edits: [deletion] }];
    const insertion = appendToDescription(file, ownerOf(file, data.remove.start), note);
    return [{ title: 'Move the comment into DESCRIPTION', edits: deleteAndInsert(deletion, insertion), preferred: true }];
  },
};
