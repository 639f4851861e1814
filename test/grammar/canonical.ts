// A small model of the classic `tb fmt` (tinybird-cli 5.14.0) *skeleton* output, used to check that the
// snippet bodies are in canonical layout. Rules follow /work/shared/reference/datafile-format.md §1 and
// §4.2–§4.4. SQL bodies are not re-formatted (that is sqlfmt's job); they are only re-indented the way
// `format_sql` does it (blank lines dropped, base indentation 0, then a 4-space prefix). The model is
// validated against every corpus file, which are all byte-identical `tb fmt` fixed points.

const ENGINE_ARGS = ['VER', 'IS_DELETED', 'COLUMNS', 'SIGN', 'VERSION', 'JOIN_STRICTNESS', 'JOIN_TYPE', 'KEY_COLUMNS',
  'PARTITION_KEY', 'SORTING_KEY', 'PRIMARY_KEY', 'SAMPLING_KEY', 'TTL', 'SETTINGS'];
const KAFKA = ['CONNECTION_NAME', 'TOPIC', 'GROUP_ID', 'BOOTSTRAP_SERVERS', 'KEY', 'SECRET', 'SCHEMA_REGISTRY_URL',
  'TARGET_PARTITIONS', 'AUTO_OFFSET_RESET', 'STORE_RAW_VALUE', 'STORE_HEADERS', 'STORE_BINARY_HEADERS', 'KEY_FORMAT',
  'VALUE_FORMAT', 'KEY_AVRO_DESERIALIZATION', 'SSL_CA_PEM', 'SASL_MECHANISM'];
const IMPORT = ['SERVICE', 'CONNECTION_NAME', 'SCHEDULE', 'STRATEGY', 'EXTERNAL_DATASOURCE', 'BUCKET_URI', 'FROM_TIMESTAMP',
  'QUERY', 'TABLE_ARN', 'EXPORT_BUCKET'];
const EXPORT_ORDER = ['SERVICE', 'CONNECTION_NAME', 'SCHEDULE', 'BUCKET_URI', 'FILE_TEMPLATE', 'FORMAT', 'COMPRESSION',
  'WRITE_STRATEGY', 'STRATEGY', 'KAFKA_TOPIC'];

export const KEYWORDS = new Set(
  [
    'DESCRIPTION', 'SCHEMA', 'INDEXES', 'INDICES', 'ENGINE', ...ENGINE_ARGS.map((a) => `ENGINE_${a}`),
    'PARTITION_KEY', 'SORTING_KEY', 'PRIMARY_KEY', 'SAMPLING_KEY', 'TTL', 'SETTINGS', 'NODE', 'SCOPE', 'SQL', 'TYPE',
    'DATASOURCE', 'TARGET_DATASOURCE', 'COPY_SCHEDULE', 'COPY_MODE', 'MODE', 'RESOURCE', 'FILTER', 'TOKEN', 'TAGS',
    'INCLUDE', 'VERSION', 'SHARED_WITH', ...KAFKA.map((k) => `KAFKA_${k}`), ...IMPORT.map((k) => `IMPORT_${k}`),
    ...EXPORT_ORDER.map((k) => `EXPORT_${k}`), 'SOURCE', 'MAINTAINER', 'FROM', 'TEST',
  ].map((k) => k.toLowerCase()),
);

/** shlex.shlex(line) in non-POSIX mode with whitespace_split=True. */
export function lex(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (c === '#') break;
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1);
      if (end < 0) return [line.trim() === '' ? '' : line].filter(Boolean); // re-lexed as one token
      out.push(line.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !/[ \t\r\n#]/.test(line[j]!)) j++;
    out.push(line.slice(i, j));
    i = j;
    if (line[j] === '#') break;
  }
  return out;
}

const unquote = (s: string) => (s.length >= 2 && /^["']/.test(s) && /["']$/.test(s) ? s.slice(1, -1) : s);

interface Stmt { kw: string; args: string[]; raw: string; block?: string[] }

export function parseStatements(text: string): Stmt[] {
  const stmts: Stmt[] = [];
  let open: Stmt | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const toks = lex(raw);
    if (toks.length === 0) continue;
    const kw = toks[0]!.toLowerCase();
    if (open) {
      if (KEYWORDS.has(kw) && !/^[ \t]/.test(raw) && !/^from/i.test(raw)) open = undefined;
      else { open.block!.push(raw); continue; }
    }
    if (toks[1] === '>') {
      open = { kw, args: [], raw, block: [] };
      stmts.push(open);
    } else {
      if (!KEYWORDS.has(kw)) throw new Error(`${toks[0]} is not a valid option`);
      stmts.push({ kw, args: toks.slice(1), raw });
    }
  }
  return stmts;
}

const value = (s: Stmt) => unquote(s.args.join(' '));
const blockLines = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean).map((l) => `    ${l}\n`).join('');

function sqlLines(lines: string[]): string {
  const kept = lines.filter((l) => l.trim() !== '');
  const indent = Math.min(...kept.map((l) => /^[ \t]*/.exec(l)![0].length));
  return kept.map((l) => `    ${l.slice(indent).trimEnd()}`).join('\n');
}

function engineBlock(engine: string | undefined, args: Array<[string, string]>): string {
  if (engine === undefined && args.length === 0) return '';
  let out = engine === undefined ? '""\n' : `ENGINE ${engine}\n`;
  for (const [k, v] of [...args].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const norm = v === '' ? '""' : v.split(',').map((x) => x.trim()).join(', ');
    out += `ENGINE_${k} ${norm}\n`;
  }
  return out + '\n';
}

function header(stmts: Stmt[], pipeLevel: (s: Stmt) => boolean): string {
  let out = '';
  const version = stmts.find((s) => s.kw === 'version');
  if (version) out += `VERSION ${value(version)}\n\n`;
  const desc = stmts.find((s) => s.kw === 'description' && pipeLevel(s));
  if (desc) out += `DESCRIPTION >\n${desc.block ? blockLines(desc.block) : `    ${desc.args.join(' ')}\n`}\n`;
  const tokens = stmts.filter((s) => s.kw === 'token');
  if (tokens.length) out += tokens.map((t) => `TOKEN "${unquote(t.args[0]!)}" ${t.args[1]}\n`).join('') + '\n';
  const tags = stmts.filter((s) => s.kw === 'tags')
    .flatMap((s) => value(s).split(',').map((t) => t.trim()).filter((t) => t && !t.includes('=')));
  if (tags.length) out += `TAGS "${tags.join(', ')}"\n\n`;
  return out;
}

export function formatDatasource(text: string): string {
  const stmts = parseStatements(text);
  let out = header(stmts, () => true);
  const schema = stmts.find((s) => s.kw === 'schema');
  if (schema) {
    const cols = schema.block!.map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/,$/, '').trim())
      .map((c) => (c.startsWith('`') ? c : c.replace(/^(\S+)/, '`$1`')));
    out += `SCHEMA >\n${cols.map((c) => `    ${c}`).join(',\n')}\n\n`;
  }
  const indexes = stmts.find((s) => s.kw === 'indexes' || s.kw === 'indices');
  if (indexes) out += `INDEXES >\n${indexes.block!.map((l) => l.trim()).filter(Boolean).map((l) => `    ${l}`).join('\n')}\n\n`;
  const engine = stmts.find((s) => s.kw === 'engine');
  const args = stmts.filter((s) => /^engine_/.test(s.kw)).map((s): [string, string] => [s.kw.slice(7).toUpperCase(), value(s)]);
  out += engineBlock(engine && value(engine), args);
  const incl = stmts.find((s) => s.kw === 'include' && s.raw.includes('.incl'));
  if (incl) out += `${incl.raw}\n\n`;
  const kafka = stmts.filter((s) => s.kw.startsWith('kafka_'));
  if (kafka.length) out += kafka.map((s) => `${s.kw.toUpperCase()} ${value(s) || "''"}\n`).join('') + '\n';
  const imp = stmts.filter((s) => s.kw.startsWith('import_'));
  if (imp.length) out += imp.map((s) => `${s.kw.toUpperCase()} ${value(s)}\n`).join('') + '\n';
  const shared = stmts.find((s) => s.kw === 'shared_with');
  if (shared) out += `SHARED_WITH >\n${shared.block!.map((l) => l.trim()).filter(Boolean).map((l) => `    ${l}`).join('\n')}`;
  return out.replace(/\n+$/, '') + '\n';
}

interface Node { name: string; stmts: Stmt[] }

export function formatPipe(text: string): string {
  const stmts = parseStatements(text);
  const nodes: Node[] = [];
  const top: Stmt[] = [];
  for (const s of stmts) {
    if (s.kw === 'node') nodes.push({ name: value(s), stmts: [] });
    else if (nodes.length && !['token', 'tags', 'version', 'include'].includes(s.kw)) nodes[nodes.length - 1]!.stmts.push(s);
    else top.push(s);
  }
  let out = header(top, () => true);
  for (const node of nodes) {
    const get = (kw: string) => node.stmts.find((s) => s.kw === kw);
    out += `NODE ${node.name}\n`;
    const desc = get('description');
    if (desc) out += `DESCRIPTION >\n${desc.block ? blockLines(desc.block) : `    ${desc.args.join(' ')}\n`}\n`;
    const sql = get('sql');
    if (sql) out += `SQL >\n${sqlLines(sql.block!)}\n\n`;
    const type = (get('type') && value(get('type')!).toLowerCase()) ?? '';
    const engine = get('engine');
    const args = node.stmts.filter((s) => /^engine_/.test(s.kw)).map((s): [string, string] => [s.kw.slice(7).toUpperCase(), value(s)]);
    if (type === 'materialized') {
      out += `TYPE MATERIALIZED\nDATASOURCE ${value(get('datasource')!)}\n` + engineBlock(engine && value(engine), args);
    } else if (type === 'copy') {
      out += `TYPE COPY\nTARGET_DATASOURCE ${value(get('target_datasource')!)}`;
      const mode = get('copy_mode') ?? get('mode');
      if (mode) out += `\nCOPY_MODE ${value(mode)}`;
      const sched = get('copy_schedule');
      const v = sched ? value(sched) : '@on-demand';
      out += `\nCOPY_SCHEDULE ${v.toLowerCase() === '@on-demand' ? '@on-demand' : v}\n`;
    } else if (type === 'sink') {
      const defaults: Record<string, string> = { SCHEDULE: '@on-demand', FORMAT: 'csv', STRATEGY: '@new' };
      if (get('export_service')) {
        out += 'TYPE SINK\n';
        for (const k of EXPORT_ORDER) {
          const s = get(`export_${k.toLowerCase()}`);
          const v = s ? value(s) : defaults[k] ?? '';
          if (v) out += `EXPORT_${k} ${v}\n`;
        }
      }
    } else if (type === 'stream') {
      out += `TYPE STREAM\nKAFKA_CONNECTION_NAME ${value(get('kafka_connection_name')!)}\nKAFKA_TOPIC ${value(get('kafka_topic')!)}\n`;
    }
  }
  return out.replace(/\n+$/, '') + '\n';
}

export function formatDatafile(text: string, kind: 'datasource' | 'pipe'): string {
  return kind === 'datasource' ? formatDatasource(text) : formatPipe(text);
}

/** Expand a VS Code snippet body: every placeholder becomes its default (first choice; empty for bare tabstops). */
export function expandSnippet(body: string | string[]): string {
  const src = Array.isArray(body) ? body.join('\n') : body;
  let out = '';
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let acc = '';
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length && '$}\\,|'.includes(src[i + 1]!)) { acc += src[i + 1]; i += 2; continue; }
      if (stopAtBrace && c === '}') return acc;
      if (c === '$') {
        const simple = /^\$(\d+|[A-Z_]+)/.exec(src.slice(i));
        if (simple) { i += simple[0].length; continue; }
        const choice = /^\$\{\d+\|([^|]*)\|\}/.exec(src.slice(i));
        if (choice) { acc += choice[1]!.split(',')[0]; i += choice[0].length; continue; }
        const open = /^\$\{(\d+|[A-Z_]+)(:?)/.exec(src.slice(i));
        if (open) {
          i += open[0].length;
          const inner = open[2] ? parse(true) : '';
          if (src[i] !== '}') throw new Error(`unterminated placeholder in snippet at ${i}`);
          i++;
          acc += inner;
          continue;
        }
      }
      acc += c;
      i++;
    }
    if (stopAtBrace) throw new Error('unterminated placeholder');
    return acc;
  };
  out = parse(false);
  return out;
}
