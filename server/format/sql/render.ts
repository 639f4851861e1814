import { cpLength, hasContent, isDisabled, linePrefix, renderLine } from './lines';
import { SqlComment, SqlLine } from './types';

const COMMENT_MARKER = /^(--|#|\/\*|\{#-?)\s*/u;

/** Single-line comments become `marker + " " + text` (§9.2). */
function commentMarkerAndText(c: SqlComment): [string, string] | null {
  if (c.text.includes('\n')) return null;
  const m = COMMENT_MARKER.exec(c.text);
  if (!m) return null;
  return [m[1], c.text.slice(m[0].length)];
}

function commentText(c: SqlComment): string {
  const parts = commentMarkerAndText(c);
  if (!parts) return c.text;
  return parts[1] ? `${parts[0]} ${parts[1]}` : parts[0];
}

/** Renders a comment on its own line(s), wrapping long `--`/`#` comments. */
function renderStandalone(c: SqlComment, prefix: string, ll: number): string {
  const parts = commentMarkerAndText(c);
  const text = commentText(c);
  if (!parts || (parts[0] !== '--' && parts[0] !== '#') || cpLength(prefix) + cpLength(text) + 1 <= ll) {
    return `${prefix}${text}\n`;
  }
  const [marker, body] = parts;
  const available = ll - cpLength(prefix) - cpLength(marker) - 2;
  let out = '';
  for (const piece of wrapText(body, available)) out += `${prefix}${marker} ${piece}\n`;
  return out;
}

function wrapText(text: string, available: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (cpLength(rest) >= available) {
    const head = Array.from(rest).slice(0, available).join('');
    const cut = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'));
    if (cut <= 0) break;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest.trimEnd());
  return pieces;
}

function renderDisabled(line: SqlLine): string {
  let s = '';
  for (const n of line.nodes) s += n.rawPrefix + n.rawText;
  return s;
}

/** §9.1–§9.2: a line with its comments. */
export function renderWithComments(line: SqlLine, ll: number): string {
  const body = isDisabled(line) ? renderDisabled(line) : renderLine(line);
  const comments = line.comments;
  if (comments.length === 0) return body;
  const prefix = linePrefix(line);
  if (comments.length === 1) {
    const c = comments[0];
    if (!hasContent(line)) return renderStandalone(c, prefix, ll);
    if (!c.standalone) {
      const content = body.trimEnd();
      const text = commentText(c);
      if (cpLength(content) + 2 + cpLength(text) + 1 <= ll) return `${content}  ${text}\n`;
    }
  }
  let out = '';
  for (const c of comments) out += renderStandalone(c, prefix, ll);
  return out + body;
}
