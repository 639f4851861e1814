// SCHEMA column grammar, behaving like tb's `parse_table_structure` (accepted modifier orders,
// its error texts) while keeping offsets. `--` comments (outside `json:` paths) are blanked rather
// than removed so that every offset still points into the block text.
import type { Column } from './ast';
import { mapSpan } from './lines';

export class SchemaError extends Error {
  constructor(
    message: string,
    /** Offset in the schema text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Membership of each ASCII character in a class of ASCII characters, looked up by character code. */
function asciiClass(re: RegExp): (code: number) => boolean {
  const table = Uint8Array.from({ length: 128 }, (_, code) => (re.test(String.fromCharCode(code)) ? 1 : 0));
  return (code) => table[code] === 1; // undefined (0) past ASCII and for NaN
}

const isNameChar = asciiClass(/[A-Za-z0-9._`*<>+\-']/);
const isExprChar = asciiClass(/[A-Za-z0-9._`*<>+\-'[\](),=!?:/ \n\t\r]/);
/** A space, tab, carriage return or newline: the whitespace the column grammar skips. */
const isWs = (code: number): boolean => code === 32 || code === 9 || code === 13 || code === 10;

type Syntax = 'NULL' | 'NOTNULL' | 'DEFAULT' | 'MATERIALIZED' | 'ALIAS' | 'CODEC' | 'TTL' | 'JSONPATH' | 'COMMA' | 'NEW_LINE' | 'TYPE';

const PATTERNS: Record<Exclude<Syntax, 'TYPE'>, RegExp> = {
  NULL: /\s+NULL([^a-z0-9_]|$)/iy,
  NOTNULL: /\s+NOT\s+NULL([^a-z0-9_]|$)/iy,
  DEFAULT: /\s+DEFAULT([^a-z0-9_]|$)/iy,
  MATERIALIZED: /\s+MATERIALIZED([^a-z0-9_]|$)/iy,
  ALIAS: /\s+ALIAS([^a-z0-9_]|$)/iy,
  CODEC: /\s+CODEC([^a-z0-9_]|$)/iy,
  TTL: /\s+TTL([^a-z0-9_]|$)/iy,
  JSONPATH: /\s+`json:/iy,
  COMMA: /,/y,
  NEW_LINE: /\s$/y,
};

/** Every pattern but COMMA starts with whitespace; a keyword's first letter must follow it (the patterns are `\s+KEYWORD`). */
const FIRST_AFTER_SPACE: Partial<Record<Syntax, string>> = { NULL: 'n', NOTNULL: 'n', DEFAULT: 'd', MATERIALIZED: 'm', ALIAS: 'a', CODEC: 'c', TTL: 't', JSONPATH: '`' };

/** JavaScript's `\s`, without a regular expression for ASCII. */
function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

const ALL_AFTER_NAME: Syntax[] = ['NULL', 'NOTNULL', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'CODEC', 'TTL', 'JSONPATH', 'COMMA', 'NEW_LINE', 'TYPE'];
const EXPR_STOPS: Syntax[] = ['NULL', 'NOTNULL', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'CODEC', 'TTL', 'JSONPATH', 'COMMA'];
const VALUE_STOPS: Syntax[] = ['NOTNULL', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'CODEC', 'TTL', 'JSONPATH', 'COMMA'];

/** Replaces `--` comments with spaces, as tb's clean_comments drops them (json paths are kept). */
export function blankSchemaComments(text: string): string {
  let out = '';
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    let inJson = false;
    let cut = -1;
    for (let i = line.includes('--') ? 0 : line.length; i < line.length; i++) {
      if (!inJson && line[i] === '-' && line[i + 1] === '-') {
        cut = i;
        break;
      }
      if (!inJson && line.startsWith('`json:', i)) inJson = true;
      else if (inJson && line[i] === '`') inJson = false;
    }
    out += cut < 0 ? line : line.slice(0, cut) + ' '.repeat(line.length - cut);
    if (lineEnd < text.length) out += '\n';
    lineStart = lineEnd + 1;
  }
  return out;
}

interface Draft {
  name: string;
  nameStart: number;
  nameEnd: number;
  type: string;
  typeSpan?: [number, number];
  defaultValue: string;
  defaultSpan?: [number, number];
  codec: string;
  codecSpan?: [number, number];
  jsonPath: string;
  jsonSpan?: [number, number];
  end: number;
}

/**
 * Parses SCHEMA text into columns; spans are offsets in `text`, mapped through `toDocument` when
 * given (one Column per column, however large the schema). Throws SchemaError (offset in `text`).
 */
export function parseSchema(text: string, toDocument?: (offset: number) => number): Column[] {
  const blanked = blankSchemaComments(text);
  let begin = 0;
  while (begin < blanked.length && isSpace(blanked[begin])) begin++;
  let end = blanked.length;
  while (end > begin && isSpace(blanked[end - 1])) end--;
  const s = blanked.slice(0, end);
  let i = begin;
  if (begin >= end) return [];

  const matches = (syntax: Syntax): boolean => {
    if (syntax === 'TYPE') return true;
    if (syntax === 'COMMA') return s[i] === ',';
    // The patterns' necessary first characters, checked before running them (most columns match none).
    if (!isSpace(s[i])) return false;
    if (syntax === 'NEW_LINE') return i === s.length - 1;
    let j = i + 1;
    while (isSpace(s[j])) j++;
    if (s[j]?.toLowerCase() !== FIRST_AFTER_SPACE[syntax]) return false;
    const re = PATTERNS[syntax];
    re.lastIndex = i;
    return re.test(s);
  };
  const lookahead = (list: Syntax[]): Syntax | undefined => list.find(matches);
  const skipWs = () => {
    while (i < s.length && isWs(s.charCodeAt(i))) i++;
  };
  const advance = (word: string) => {
    if (i < s.length) {
      skipWs();
      i += word.length;
    }
  };
  const backticked = (): string => {
    const start = i;
    const close = s.indexOf('`', i);
    if (close < 0) throw new SchemaError('expecting ending backtick', s.length);
    i = close + 1;
    return s.slice(start, close);
  };
  const parseExpr = (stops: Syntax[]): [string, number, number] => {
    const start = i;
    const stack: string[] = [];
    while (i < s.length) {
      const context = stack[stack.length - 1];
      const c = s[i];
      if ((context === "'" && c === "'") || (context === '"' && c === '"') || (context === '(' && c === ')')) {
        stack.pop();
      } else if ((c === "'" || c === '"' || c === '(') && (context === undefined || context === '(')) {
        stack.push(c);
      } else if (context === undefined && startsStop(i) && lookahead(stops)) {
        return trimmed(start, i);
      } else if ((context === undefined || context === '(') && !isExprChar(s.charCodeAt(i))) {
        throw new SchemaError('wrong value, please check the schema syntax', i);
      }
      i++;
    }
    if (i === start) throw new SchemaError('wrong value', i);
    return trimmed(start, i);
  };
  // Every stop pattern starts with whitespace or a comma, and a match inside a whitespace run also
  // matches at the run's start (same result after trimming): testing run starts only keeps this linear.
  const startsStop = (at: number): boolean => s[at] === ',' || (isSpace(s[at]) && !isSpace(s[at - 1]));
  const trimmed = (a: number, b: number): [string, number, number] => {
    while (a < b && isWs(s.charCodeAt(a))) a++;
    while (b > a && isWs(s.charCodeAt(b - 1))) b--;
    return [s.slice(a, b), a, b];
  };

  const columns: Column[] = [];
  let draft: Draft | undefined;
  let last: Syntax | undefined;
  let validNext: Syntax[] = ['TYPE'];

  const addColumn = (found: string) => {
    if (draft?.name === 'INDEX') {
      draft = undefined;
      return;
    }
    if (!draft || !draft.name) throw new SchemaError(`Syntax error: expecting NAME, found ${found}`, i);
    columns.push(finishColumn(draft, toDocument));
    draft = undefined;
  };

  while (i < s.length) {
    if (!draft) {
      skipWs();
      validNext = ['NULL', 'NOTNULL', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'CODEC', 'TTL', 'JSONPATH', 'COMMA', 'TYPE'];
      const nameStart = i;
      let name: string;
      if (s[i] !== '`') {
        while (i < s.length && !isWs(s.charCodeAt(i))) {
          if (!isNameChar(s.charCodeAt(i))) throw new SchemaError('wrong value, please check the schema syntax', i);
          i++;
        }
        name = s.slice(nameStart, i);
      } else {
        i++;
        name = backticked();
      }
      draft = { name, nameStart, nameEnd: i, type: '', defaultValue: '', codec: '', jsonPath: '', end: i };
      last = undefined;
      continue;
    }
    const isIndex = draft.name === 'INDEX';
    const found = lookahead(isIndex ? ['COMMA', 'NEW_LINE'] : ALL_AFTER_NAME);
    if (found && !validNext.includes(found)) {
      const after = last ? ` after ${last}` : '';
      throw new SchemaError(`Unexpected ${found}${after}`, i);
    }
    if (found === 'TYPE') {
      skipWs();
      validNext = ['NULL', 'NOTNULL', 'DEFAULT', 'MATERIALIZED', 'ALIAS', 'CODEC', 'TTL', 'JSONPATH', 'COMMA', 'NEW_LINE'];
      const [type, a, b] = parseExpr(EXPR_STOPS);
      draft.type = type;
      draft.typeSpan = [a, b];
      draft.end = b;
    } else if (found === 'NULL' || found === 'NOTNULL') {
      skipWs();
      throw new SchemaError(`${found === 'NULL' ? 'NULL' : 'NOT NULL'} column syntax not supported`, i);
    } else if (found === 'DEFAULT' || found === 'MATERIALIZED') {
      advance(found);
      validNext = ['CODEC', 'TTL', 'COMMA'];
      const keywordStart = i - found.length;
      const [value, , b] = parseExpr(VALUE_STOPS);
      draft.defaultValue = value && `${found} ${value}`; // tb drops an empty expression
      draft.defaultSpan = [keywordStart, b];
      draft.end = b;
    } else if (found === 'ALIAS') {
      skipWs();
      throw new SchemaError('ALIAS not supported', i);
    } else if (found === 'CODEC') {
      advance('CODEC');
      const keywordStart = i - 'CODEC'.length;
      validNext = ['TTL', 'COMMA', 'JSONPATH'];
      const [codec, , b] = parseExpr(EXPR_STOPS);
      draft.codec = codec && `CODEC${codec}`;
      draft.codecSpan = [keywordStart, b];
      draft.end = b;
    } else if (found === 'TTL') {
      skipWs();
      throw new SchemaError('column TTL not supported', i);
    } else if (found === 'JSONPATH') {
      advance('`json:');
      const start = i - '`json:'.length;
      draft.jsonPath = backticked();
      draft.jsonSpan = [start, i];
      draft.end = i;
    } else if (found === 'COMMA') {
      advance(',');
      if (isIndex) continue;
      validNext = [];
      addColumn('COMMA');
    } else if (found === 'NEW_LINE' || (isIndex && !found)) {
      i++;
    } else {
      throw new SchemaError(
        'wrong value, expected a NULL, NOT NULL, DEFAULT, MATERIALIZED, CODEC, TTL expressions, a column data type, a comma, a new line or a jsonpath',
        i,
      );
    }
    last = found;
  }
  addColumn('EOF');
  return columns;
}

function finishColumn(d: Draft, toDocument?: (offset: number) => number): Column {
  const nullable = d.type.toLowerCase().startsWith('nullable');
  const type = nullable ? d.type.slice('Nullable('.length, -1) : d.type;
  let defaultValue: string | undefined = d.defaultValue || undefined;
  if (nullable && defaultValue && defaultValue.toLowerCase() === 'default null') defaultValue = undefined;
  const mapped = (start: number, end: number) => (toDocument ? mapSpan(start, end, toDocument) : { start, end });
  const span = (r?: [number, number]) => (r ? mapped(r[0], r[1]) : undefined);
  return {
    name: d.name,
    nameSpan: mapped(d.nameStart, d.nameEnd),
    type,
    typeSpan: span(d.typeSpan),
    nullable,
    jsonPath: d.jsonPath || undefined,
    jsonPathSpan: span(d.jsonSpan),
    defaultValue,
    defaultSpan: span(d.defaultSpan),
    codec: d.codec || undefined,
    codecSpan: span(d.codecSpan),
    span: mapped(d.nameStart, d.end),
  };
}

/** A column as tb renders it (`schema_to_sql_columns`). */
export function renderColumn(c: Pick<Column, 'name' | 'type' | 'nullable' | 'jsonPath' | 'defaultValue' | 'codec'>): string {
  let type = c.type;
  if (c.nullable) {
    const m = /SimpleAggregateFunction\((\w+),\s*(?!(?:Nullable))([\w,.()]+)\)/.exec(type);
    type = m ? `SimpleAggregateFunction(${m[1]}, Nullable(${m[2]}))` : `Nullable(${type})`;
  }
  const name = c.name.startsWith('`') && c.name.endsWith('`') && c.name.length > 1 ? c.name : `\`${c.name}\``;
  const parts = [c.name ? name : '', type];
  if (c.jsonPath) parts.push(`\`json:${c.jsonPath}\``);
  if (c.defaultValue) parts.push(c.defaultValue);
  if (c.codec) parts.push(c.codec);
  return parts.filter((p) => p).join(' ').trim();
}
