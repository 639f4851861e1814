// INCLUDE handling of `format_pipe`: the anchor table, and the nodes of included pipe files (a pipe
// node with the name of an included node is dropped, since the include brings it back).
import { dirname, isAbsolute, join } from 'node:path';
import type { Datafile } from '../parser/ast';
import { parseDatafile } from '../parser/datafile';
import { splitLines } from '../parser/lines';
import { unquote } from '../parser/shlex';
import type { FormatContext } from './context';
import { safeSubstitute } from '../workspace/substitute';
import { FormatRefusal, refuse } from './refusal';
import { checkParsed } from './validate';

/** tb's `doc.includes`: include args as written → the next raw line containing `NODE` (or ''). */
export function includeAnchors(doc: Datafile): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const include of doc.includes) {
    if (include.anchorLine) anchors.set(include.argsText, include.anchorLine);
    else if (!anchors.has(include.argsText)) anchors.set(include.argsText, '');
  }
  return anchors;
}

/** Node names of the pipe an include key points to, read the way `format_pipe` reads it. */
export function includedNodeNames(key: string, ctx: FormatContext): string[] {
  const file = safeSubstitute(unquote(key).split('"')[0], ctx.env);
  const path = file.includes('.') ? resolveFrom(dirname(ctx.fileName), file) : file;
  try {
    const text = expandIncludes(readOrRefuse(path, file, ctx), dirname(path), ctx);
    const doc = parseDatafile(text, 'pipe');
    checkParsed(doc, ctx.env);
    return doc.nodes.map((n) => safeSubstitute(n.name, ctx.env));
  } catch (e) {
    if (e instanceof FormatRefusal) refuse(`in INCLUDE ${key}: ${e.message}`);
    throw e;
  }
}

/** What tb's parser does with `replace_includes=True`: each INCLUDE line becomes the file's text. */
function expandIncludes(text: string, baseDir: string, ctx: FormatContext): string {
  for (let round = 0; round < 100; round++) {
    const include = parseDatafile(text, 'pipe').includes[0];
    if (!include) return text;
    const path = resolveFrom(baseDir, safeSubstitute(include.path, ctx.env));
    const content = safeSubstitute(readOrRefuse(path, include.path, ctx), include.vars);
    const lines = splitLines(text).map((l) => l.text);
    const at = include.command.line;
    const inserted = content.endsWith('\n') || at === lines.length - 1 ? content : `${content}\n`;
    text = [...lines.slice(0, at), ''].join('\n') + '\n' + inserted + lines.slice(at + 1).join('\n');
  }
  return refuse('INCLUDE files include each other endlessly');
}

function resolveFrom(dir: string, file: string): string {
  return isAbsolute(file) ? file : join(dir, file);
}

function readOrRefuse(path: string, written: string, ctx: FormatContext): string {
  try {
    return ctx.readFile(path);
  } catch {
    return refuse(`Included file ${written} not found. Check if the file exists and the path is correct.`);
  }
}
