/**
 * Test support: extracts the SQL of `SQL >` blocks from a datafile the way the datafile parser does
 * (sql-format.md §1.1, datafile-format.md §1 rule 6–8) and applies the datafile stage (§1.4).
 */

/** The environment the golden oracle ran with. */
export const GOLDEN_ENV: Readonly<Record<string, string>> = {
  TB_GOLDEN_DB: 'golden_db',
  TB_GOLDEN_TABLE: 'golden_events',
  TB_GOLDEN_NODE: 'node_from_env',
  TB_GOLDEN_LIMIT: '42',
};

const COMMANDS = new Set(
  (
    'description schema indexes indices engine partition_key sorting_key primary_key sampling_key ttl settings node scope sql type ' +
    'datasource target_datasource copy_schedule copy_mode mode resource filter token tags include version shared_with source maintainer from test ' +
    'engine_ver engine_is_deleted engine_columns engine_sign engine_version engine_join_strictness engine_join_type engine_key_columns ' +
    'engine_partition_key engine_sorting_key engine_primary_key engine_sampling_key engine_ttl engine_settings ' +
    'kafka_connection_name kafka_topic kafka_group_id kafka_bootstrap_servers kafka_key kafka_secret kafka_schema_registry_url ' +
    'kafka_target_partitions kafka_auto_offset_reset kafka_store_raw_value kafka_store_headers kafka_store_binary_headers ' +
    'kafka_key_format kafka_value_format kafka_key_avro_deserialization kafka_ssl_ca_pem kafka_sasl_mechanism ' +
    'import_service import_connection_name import_schedule import_strategy import_external_datasource import_bucket_uri ' +
    'import_from_timestamp import_query import_table_arn import_export_bucket export_service export_connection_name ' +
    'export_schedule export_bucket_uri export_file_template export_format export_strategy export_compression ' +
    'export_write_strategy export_kafka_topic'
  ).split(' '),
);

/** A line that ends a block: a known command at column 0 that is not `from` (datafile-format.md §1 rule 6). */
function endsBlock(line: string): boolean {
  if (/^[ \t]/u.test(line)) return false;
  const first = line.trim().split(/\s+/u)[0]?.toLowerCase() ?? '';
  return first !== 'from' && COMMANDS.has(first);
}

/** Python's `string.Template.safe_substitute`. */
export function expandEnv(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)\})/g, (all, dollar, name, braced) => {
    if (dollar) return '$';
    const key = name ?? braced;
    return Object.prototype.hasOwnProperty.call(env, key) ? env[key] : all;
  });
}

/** Python's `textwrap.dedent` for text without blank lines. */
function dedent(text: string): string {
  const lines = text.split('\n');
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const ws = /^[ \t]*/u.exec(line)![0];
    if (common === null) common = ws;
    else {
      let i = 0;
      while (i < common.length && i < ws.length && common[i] === ws[i]) i++;
      common = common.slice(0, i);
    }
  }
  const c = common ?? '';
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(c.length))).join('\n');
}

/** The raw lines of every `SQL >` block, as written in the file (without the lines that the parser drops). */
export function sqlBlocks(datafile: string): string[][] {
  const lines = datafile.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*sql\s+>/iu.test(lines[i])) continue;
    const block: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !endsBlock(lines[j]); j++) {
      const t = lines[j].trim();
      if (t === '' || t.startsWith('#')) continue;
      block.push(lines[j]);
    }
    blocks.push(block);
    i = j - 1;
  }
  return blocks;
}

/** §1.1: the text given to the SQL formatter. */
export function extractNodeSql(blockLines: string[], env: Readonly<Record<string, string>> = GOLDEN_ENV): string {
  const text = blockLines.join('\n');
  const shaped = text.trimStart().startsWith('%') ? text.trim() : dedent(text).trimEnd();
  return expandEnv(shaped, env);
}

/** §1.4: drop empty lines, prefix 4 spaces. */
export function datafileStage(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `    ${l}`);
}

/** The SQL blocks of a file written by tb fmt: the 4-space lines after `SQL >`, up to the blank line that ends the block. */
export function formattedSqlBlocks(datafile: string): string[][] {
  const lines = datafile.split('\n');
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'SQL >') continue;
    const block: string[] = [];
    let j = i + 1;
    for (; j < lines.length && /^ {4}/u.test(lines[j]); j++) block.push(lines[j]);
    blocks.push(block);
    i = j - 1;
  }
  return blocks;
}
