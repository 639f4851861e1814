// The seeds' lambda architecture: serving datasources accumulate one snapshot per copy run (or per
// MV insert), and every query must pick one, usually the latest:
//   WHERE snapshotId = (SELECT max(snapshotId) FROM <datasource>)
// Without it, every row appears once per retained snapshot.
import { formatNodeSql } from '../../format/nodeSql';
import { DEFAULT_LINE_LENGTH } from '../../format/context';
import type { SqlToken } from '../../parser/sqlScan';
import type { NodeFacts, ReadFact } from '../../workspace/facts';
import type { Finding, QuickFix, Rule, RuleContext } from '../rule';
import { multiSnapshotColumn } from '../../workspace/snapshots';
import { aggregatesColumn, hasJoin, insertCondition, restrictsColumn, scopeOf } from '../support/sqlScope';

interface Data {
  node: NodeFacts;
  read: ReadFact;
  column: string;
}

export function latestSnapshotCondition(column: string, table: string, qualifier?: string): string {
  return `${qualifier ? `${qualifier}.` : ''}${column} = (SELECT max(${column}) FROM ${table})`;
}

export const rule: Rule = {
  id: 'snapshot-filter',
  severity: 'warning',
  category: 'snapshot',
  crossFile: true,
  summary: 'A read of a multi-snapshot datasource that does not restrict it to one snapshot.',
  check({ index, file, options }: RuleContext) {
    const findings: Finding[] = [];
    const nodes = new Map(file.nodes.map((n) => [n.name, n]));
    // Tokenizing is the costly part: only for reads of multi-snapshot datasources, once per node.
    const tokensOf = new Map<string, SqlToken[]>();
    for (const read of file.externalReads) {
      const node = nodes.get(read.node);
      if (!node?.analysis || node.type === 'materialized' || read.ref.qualifier !== undefined) continue;
      const column = multiSnapshotColumn(index, read.ref.name, options);
      if (!column) continue;
      let tokens = tokensOf.get(node.name);
      if (!tokens) tokensOf.set(node.name, (tokens = node.analysis.tokens));
      const k = read.ref.keywordToken;
      const scope = scopeOf(tokens, k);
      const names = read.ref.alias ? [read.ref.alias, read.ref.name] : [read.ref.name];
      if (restrictsColumn(tokens, scope, column, names) || aggregatesColumn(tokens, scope, k, column)) continue;
      findings.push({
        span: read.span,
        message: `${read.ref.name} keeps several snapshots (${column}), so this read returns every row once per snapshot. Restrict it to one, e.g. WHERE ${latestSnapshotCondition(column, read.ref.name)}.`,
        data: { node, read, column } satisfies Data,
      });
    }
    return findings;
  },
  fix(_ctx, finding): QuickFix[] {
    const { node, read, column } = finding.data as Data;
    const sql = node.node.sql;
    const lines = sql?.command.block?.lines;
    const tokens = node.analysis?.tokens;
    if (!sql || !lines?.length || !tokens) return [];
    const scope = scopeOf(tokens, read.ref.keywordToken);
    const qualifier = read.ref.alias ?? (hasJoin(tokens, scope) ? read.ref.name : undefined);
    const condition = latestSnapshotCondition(column, read.ref.name, qualifier);
    const insertion = insertCondition(tokens, read.ref.keywordToken, condition);
    if (!insertion) return [];
    let text = sql.text;
    for (const edit of [...insertion.edits].sort((a, b) => b.span.start - a.span.start)) {
      text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
    }
    const body = formatNodeSql({ ...sql, text }, {}, DEFAULT_LINE_LENGTH);
    const span = { start: lines.start(0), end: lines.end(lines.length - 1) };
    return [{ title: `Filter ${read.ref.name} to its latest ${column}`, edits: [{ span, newText: body }], preferred: true }];
  },
};
