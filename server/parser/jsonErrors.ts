// Positions of JSON syntax errors from jsonc-parser (strict JSON: no comments, no trailing commas),
// for files JSON.parse refused, instead of reading them out of V8's message text.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
// The ESM build: esbuild cannot follow the UMD build's dynamic requires (`./impl/format`).

export function jsonSyntaxError(text: string): { offset: number; line: number; reason: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first ? first.offset : text.length;
  return { offset, line: lineOfOffset(text, offset), reason: first ? printParseErrorCode(first.error) : 'not valid JSON' };
}

/** 1-based line of `offset`. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
