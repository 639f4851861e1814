// Output sections shared by datasources and pipes (tb 5.14.0 `format_sources`, `format_version`,
// `format_description`, `format_tokens`, `format_tags`, `format_engine`).
import type { Datafile, EngineDecl } from '../parser/ast';
import { pyStrip } from './pyText';

export const INDENT = '    ';

/** SOURCE, MAINTAINER, VERSION, DESCRIPTION, TOKEN and TAGS: the head both file kinds share. */
export function formatHead(doc: Datafile): string {
  let out = '';
  for (const source of doc.sources) out += `SOURCE ${source.value}\n`;
  if (doc.maintainer?.value) out += `MAINTAINER ${doc.maintainer.value}\n\n`;
  if (doc.version) out += `VERSION ${pythonInt(doc.version.value)}\n\n`;
  out += formatDescription(doc.description?.value);
  for (const token of doc.tokens) out += `TOKEN "${token.name}" ${token.permission}\n`;
  if (doc.tokens.length) out += '\n';
  if (doc.tags.length) out += `TAGS "${doc.tags.join(', ')}"\n\n`;
  return out;
}

/** `int(text)` printed back: `+02` → `2`, `1_0` → `10` (the parser already validated the text). */
function pythonInt(text: string): string {
  return BigInt(text.trim().replace(/_/g, '').replace(/^\+/, '')).toString();
}

/** A DESCRIPTION block: every non-blank line stripped and indented, then a blank line. */
export function formatDescription(description: string | undefined): string {
  if (!description) return '';
  const lines = description.split('\n').map(pyStrip).filter((l) => l);
  return `DESCRIPTION >\n${lines.map((l) => `${INDENT}${l}\n`).join('')}\n`;
}

/** ENGINE and its ENGINE_* args, sorted by (name, value); values re-spaced around every comma. */
export function formatEngine(engine: EngineDecl | undefined): string {
  if (!engine) return '';
  const empty = '""';
  let out = `${engine.type?.value ? `ENGINE ${engine.type.value}` : empty}\n`;
  const args = engine.args.map((a) => [a.name, a.value] as const);
  args.sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv));
  for (const [name, value] of args) {
    const normalised = value.split(',').map(pyStrip).join(', ');
    out += `ENGINE_${name.toUpperCase()} ${normalised || empty}\n`;
  }
  return out + '\n';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
