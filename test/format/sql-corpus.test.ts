import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatSqlTemplateDetailed } from '../../server/format/sql/index';
import { datafileStage } from '../../server/format/nodeSql';
import { formattedSqlBlocks, nodeSqls } from '../support/sqlBlock';
import { sharedPath } from '../support/shared';

const CORPUS = sharedPath('corpus/crowd.dev/pipes');

/** Every SQL node of the corpus, extracted as the datafile parser would, with the block as written. */
export function corpusNodes(): { id: string; sql: string; written: string[] }[] {
  const nodes: { id: string; sql: string; written: string[] }[] = [];
  for (const file of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.pipe')).sort()) {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const written = formattedSqlBlocks(text);
    nodeSqls(text, {}).forEach((sql, i) => nodes.push({ id: `${file}#${i}`, sql, written: written[i] ?? [] }));
  }
  return nodes;
}

test('crowd.dev corpus: every SQL node is a fixed point', () => {
  const nodes = corpusNodes();
  assert.ok(nodes.length > 600, `only ${nodes.length} nodes found`);
  const failures: string[] = [];
  const start = process.hrtime.bigint();
  const outputs = nodes.map((n) => formatSqlTemplateDetailed(n.sql));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  nodes.forEach((n, i) => {
    const out = outputs[i];
    if (out.fallback) failures.push(`${n.id}: fallback (${out.fallback})`);
    else if (datafileStage(out.text) !== n.written.join('\n')) failures.push(n.id);
  });
  console.log(`[corpus] ${nodes.length - failures.length}/${nodes.length} SQL nodes are fixed points; formatted in ${ms.toFixed(0)} ms`);
  assert.deepEqual(failures, []);
});
