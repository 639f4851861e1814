import { parseToLeaves } from './pyLeaves';
import { lineStr, makeLine } from './pyLines';
import { LineSplitter } from './pySplit';
import { PySyntaxError } from './pyTokenize';

const PY_KEYWORDS = (
  'False None True and as assert async await break class continue def del elif else except finally for from global if import ' +
  'in is lambda nonlocal not or pass raise return try while with yield'
).split(' ');
const PROTECTED_FORM = new RegExp(`(?:${PY_KEYWORDS.join('|')})_(?:\\(|\\s*=)`, 'u');
const KEYWORD_CALL_OR_ASSIGN = new RegExp(`(${PY_KEYWORDS.join('|')})(\\(|\\s*=)`, 'gu');
const KEYWORD_UNDO = new RegExp(`(${PY_KEYWORDS.join('|')})_(\\(|\\s*=)`, 'gu');

/** black on one statement; throws PySyntaxError when the code is not valid Python. */
function black(code: string, lineLength: number): string {
  const leaves = parseToLeaves(code);
  const lines = new LineSplitter(lineLength).transformLine(makeLine(0, leaves, false));
  return lines.map(lineStr).join('\n').replace(/\s+$/u, '');
}

function blackWithRetry(code: string, lineLength: number): string {
  try {
    return black(code, lineLength);
  } catch (e) {
    if (!(e instanceof PySyntaxError) || !code.includes('\n')) throw e;
    return black(code.replace(/\n/g, ' '), lineLength);
  }
}

/**
 * §6.3: formats tag code like black 24.10 with string normalisation off.
 * Returns null when black would reject the code (the caller keeps it as it was).
 */
export function formatPythonCode(code: string, lineLength: number): string | null {
  // keep `not(`, `if(` … glued, as Tinybird's protection does
  const protect = !PROTECTED_FORM.test(code);
  let src = protect ? code.replace(KEYWORD_CALL_OR_ASSIGN, '$1_$2') : code;
  let tilde: string | undefined;
  if (src.includes('~')) {
    tilde = ['+', '-', '*', '/'].find((c) => !src.includes(c));
    if (tilde) src = src.split('~').join(tilde);
  }
  let out: string;
  try {
    out = blackWithRetry(src, lineLength);
  } catch (e) {
    if (e instanceof PySyntaxError) return null;
    throw e;
  }
  if (tilde) out = out.split(tilde).join('~');
  return protect ? out.replace(KEYWORD_UNDO, '$1$2') : out;
}
