// Partitions finer than a month multiply parts (an INSERT may touch at most 100 partitions). A TTL
// that bounds the data also bounds the partitions, as in the seeds' serving layer (partitioned by
// snapshotId, 6-hour TTL), so such keys are fine there. So does a datasource whose only writers are
// COPY_MODE replace copies: each run replaces the whole table, partitions do not pile up.
import type { Column } from '../../parser/ast';
import type { WriterEntry } from '../../workspace/index';
import type { Finding, Rule } from '../rule';
import { argSubSpan, enginesOf } from '../support/engine';
import { keyItems } from '../support/keyExpr';
import { baseType, isDateType } from '../support/schema';

const FINE_FUNCTIONS =
  /^(toYYYYMMDD|toYYYYMMDDhhmmss|toDate|toDate32|toDateTime|toDateTime64|toStartOfDay|toStartOfHour|toStartOfMinute|toStartOfSecond|toStartOfFiveMinutes|toStartOfFiveMinute|toStartOfTenMinutes|toStartOfFifteenMinutes|toStartOfInterval|toStartOfWeek|toMonday|toDayOfYear|toHour)\s*\(/;

/** Types whose raw values give few partitions. */
const SMALL_TYPES = /^(UInt8|Int8|Bool|Boolean|Enum8|Enum16|Enum)\b/;

function reason(item: string, columns: Map<string, Column> | undefined): string | undefined {
  const fn = FINE_FUNCTIONS.exec(item);
  if (fn) return `${fn[1]}() makes a partition per ${/Week|Monday/.test(fn[1]) ? 'week' : /Day|Date|YYYYMMDD$/.test(fn[1]) ? 'day' : 'time bucket'}`;
  const column = columns?.get(item.replace(/^`|`$/g, ''));
  if (!column) return undefined;
  const type = baseType(column);
  if (isDateType(type)) return `partitioning by the raw ${type} column ${column.name} makes a partition per ${type === 'Date' || type === 'Date32' ? 'day' : 'distinct timestamp'}`;
  if (SMALL_TYPES.test(type) || /^LowCardinality/.test(column.type)) return undefined;
  return `partitioning by the raw column ${column.name} (${type}) makes a partition per distinct value`;
}

function onlyReplacedByCopies(writers: WriterEntry[]): boolean {
  return writers.length > 0 && writers.every((w) => w.node.type === 'copy' && w.node.copyMode?.toLowerCase() === 'replace');
}

export const rule: Rule = {
  id: 'partition-key-granularity',
  severity: 'warning',
  category: 'engine',
  crossFile: true,
  summary: 'A partition key finer than a month (toYYYYMMDD, toDate, a raw id…) on a datasource without a TTL.',
  check({ index, file }) {
    const findings: Finding[] = [];
    if (file.role === 'datasource' && onlyReplacedByCopies(index.writersOf(file.name))) return findings;
    for (const info of enginesOf(file)) {
      const key = info.args.get('partition_key');
      if (!key || info.args.has('ttl')) continue;
      for (const item of keyItems(key.value)) {
        const why = reason(item.text, info.columns);
        if (!why) continue;
        findings.push({
          span: argSubSpan(file, key, { start: item.start, end: item.start + item.text.length }),
          message: `Partition key finer than a month: ${why}. Many small partitions slow merges and inserts fail past 100 partitions per block. Use toYYYYMM(…) or toYear(…), or add an ENGINE_TTL that bounds the data.`,
        });
      }
    }
    return findings;
  },
};
