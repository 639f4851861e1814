// tb fmt deletes every `#` comment (and tb already ignores them): notes kept there are lost on the
// next format. DESCRIPTION survives, so the fix moves the text there. A `#` comment inside SQL is an SQL
// comment, but when tb fmt moves it onto a line of its own (it does not fit after the code, or the
// code merges), that line starts with `#` and the next tb fmt deletes it; `--` survives.
import { DEFAULT_LINE_LENGTH } from '../../format/context';
import { formatNodeSql } from '../../format/nodeSql';
import type { DatafileNode, SqlBlock, Span } from '../../parser/ast';
import { LineTable } from '../../parser/lines';
import { lexLine } from '../../parser/shlex';
import type { FileFacts } from '../../workspace/facts';
import type { Finding, Rule } from '../rule';
import { appendToDescription } from '../support/description';
import { deleteAndInsert, removeLine } from '../support/edits';

interface Data {
  kind: 'datafile';
  /** What to delete: the whole line, or the trailing comment. */
  remove: Span;
  wholeLine: boolean;
  text: string;
}

/** A `#` SQL comment that the next format would delete: its `#` becomes `--`. */
interface SqlHashData {
  kind: 'sql';
  hash: Span;
}

const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '{{': '}}', '{%': '%}', '{#': '#}', '/*': '*/', '--': '\n' };

/** Offsets of the `#` that start comments in SQL (outside strings, quoted names, tags and other comments). */
function sqlHashComments(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; ) {
    const two = text.slice(i, i + 2);
    const opener = CLOSERS[two] ? two : CLOSERS[text[i]] ? text[i] : undefined;
    if (opener) {
      const quote = opener.length === 1;
      let j = i + opener.length;
      for (; j < text.length && !text.startsWith(CLOSERS[opener], j); j++) if (quote && text[j] === '\\') j++;
      i = j + CLOSERS[opener].length;
    } else if (text[i] === '#') {
      found.push(i);
      const lineEnd = text.indexOf('\n', i);
      i = lineEnd < 0 ? text.length : lineEnd;
    } else i++;
  }
  return found;
}

/** `#` comments of a node's SQL that tb fmt prints on a line of their own (document spans). */
function hashCommentsLost(sql: SqlBlock): Span[] {
  if (!sql.text.includes('#')) return [];
  // Formatting the node is the costly part: only when a `#` starts a comment (not in a string, say).
  const hashes = sqlHashComments(sql.text);
  if (!hashes.length) return [];
  const own = new Set(
    formatNodeSql(sql, {}, DEFAULT_LINE_LENGTH)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('#')),
  );
  if (!own.size) return [];
  const spans: Span[] = [];
  for (const hash of hashes) {
    const lineEnd = sql.text.indexOf('\n', hash);
    const rest = sql.text.slice(hash + 1, lineEnd < 0 ? sql.text.length : lineEnd).replace(/^\s+/, '');
    if (own.has(rest ? `# ${rest}`.trim() : '#')) spans.push({ start: sql.toDocument(hash), end: sql.toDocument(hash + 1) });
  }
  return spans;
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
    const lines = new LineTable(text);
    // Line objects only for the lines holding a `#`: a large file has few.
    for (let n = 0; n < lines.count; n++) {
      if (!lines.lineText(n).includes('#')) continue;
      const line = lines.at(n);
      const trimmed = line.text.trimStart();
      let data: Data | undefined;
      if (trimmed.startsWith('#')) {
        data = { kind: 'datafile', remove: { start: line.end - trimmed.length, end: line.end }, wholeLine: true, text: trimmed };
      } else if (keywordLines.has(n) && line.text.includes('#')) {
        const tokens = lexLine(line.text, line.start).tokens;
        const after = text.slice(tokens[tokens.length - 1].end, line.end);
        const hash = after.indexOf('#');
        if (hash >= 0 && !after.slice(0, hash).trim()) {
          data = { kind: 'datafile', remove: { start: tokens[tokens.length - 1].end, end: line.end }, wholeLine: false, text: after.trim() };
        }
      }
      if (!data) continue;
      findings.push({
        span: { start: data.remove.end - data.text.length, end: data.remove.end },
        message: 'tb fmt deletes # comments (and tb ignores them). Keep the note in DESCRIPTION, or in an SQL -- comment.',
        data,
      });
    }
    for (const node of file.parsed.nodes) {
      for (const hash of node.sql ? hashCommentsLost(node.sql) : []) {
        const data: SqlHashData = { kind: 'sql', hash };
        findings.push({
          span: hash,
          message: 'tb fmt moves this # comment onto a line of its own, and the next tb fmt deletes that line (a line starting with # is a datafile comment). Write it as a -- comment.',
          data,
        });
      }
    }
    return findings;
  },
  fix({ file }, finding) {
    const found = finding.data as Data | SqlHashData;
    if (found.kind === 'sql') return [{ title: 'Write the comment with --', edits: [{ span: found.hash, newText: '--' }], preferred: true }];
    const data = found;
    const deletion = data.wholeLine ? removeLine(file.parsed.text, data.remove) : { span: data.remove, newText: '' };
    const note = data.text.replace(/^#+\s*/, '').trim();
    if (!note) return [{ title: 'Remove the empty comment', edits: [deletion] }];
    const insertion = appendToDescription(file, ownerOf(file, data.remove.start), note);
    return [{ title: 'Move the comment into DESCRIPTION', edits: deleteAndInsert(deletion, insertion), preferred: true }];
  },
};
