// ClickHouse's own analysis of nodes on small workspaces, with the real engine.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyseFiles, cleanMessage, createProjectTables, type EngineFinding } from '../../server/engine/analysis';
import type { EngineClient } from '../../server/engine/client';
import { WorkspaceIndex } from '../../server/workspace/index';
import { corpusFiles } from '../support/corpus';
import { testEngine } from '../support/engine';

const FILES: Record<string, string> = {
  'datasources/events.datasource': 'SCHEMA >\n    `user_id` String,\n    `amount` Float64,\n    `ts` DateTime\n\nENGINE MergeTree\nENGINE_SORTING_KEY user_id\n',
  'datasources/totals.datasource': 'SCHEMA >\n    `user_id` String,\n    `total` AggregateFunction(sum, Float64)\n\nENGINE AggregatingMergeTree\nENGINE_SORTING_KEY user_id\n',
  'pipes/clean.pipe': 'NODE base\nSQL >\n    SELECT user_id, amount FROM events\n\nNODE agg\nSQL >\n    SELECT user_id, sum(amount) AS s FROM base GROUP BY user_id\n',
  'pipes/typo.pipe': 'NODE base\nSQL >\n    SELECT user_id FROM events\n\nNODE bad\nSQL >\n    SELECT user_idd FROM base\n',
  'pipes/syntax.pipe': 'NODE s\nSQL >\n    SELECT user_id FROM events WHERE user_id = )\n',
  'pipes/function.pipe': 'NODE f\nSQL >\n    SELECT summ(amount) FROM events\n',
  'pipes/mv_ok.pipe': 'NODE m\nSQL >\n    SELECT user_id, sumState(amount) AS total FROM events GROUP BY user_id\n\nTYPE materialized\nDATASOURCE totals\n',
  'pipes/mv_bad.pipe': 'NODE m\nSQL >\n    SELECT user_id, sum(amount) AS total FROM events GROUP BY user_id\n\nTYPE materialized\nDATASOURCE totals\n',
  'pipes/lost.pipe': 'NODE l\nSQL >\n    SELECT nothing FROM deleted_datasource\n',
};

describe('engine analysis', () => {
  const index = new WorkspaceIndex();
  for (const [p, text] of Object.entries(FILES)) index.update(path.join('/p', p), text);
  let engine: EngineClient;
  let findings: EngineFinding[];
  let analysed = 0;
  before(async () => {
    engine = testEngine();
    const { created } = await createProjectTables(engine, index);
    const result = await analyseFiles(engine, index, [...index.all()], created);
    findings = result.findings;
    analysed = result.stats.analysed;
  });
  after(() => engine.close());
  const of = (pipe: string) => findings.filter((f) => f.file.name === pipe);
  const spanText = (f: EngineFinding) => index.text(f.file.path)!.slice(f.span.start, f.span.end);

  it('finds nothing in clean nodes, and skips nodes reading undefined names', () => {
    assert.deepEqual(of('clean'), []);
    assert.deepEqual(of('mv_ok'), []);
    assert.deepEqual(of('lost'), []);
    assert.equal(analysed, 8);
  });
  it('reports an unknown column on the identifier, with the suggestion as a fix', () => {
    const [f] = of('typo');
    assert.equal(of('typo').length, 1);
    assert.equal(f.node, 'bad');
    assert.equal(f.message, 'UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd');
    assert.equal(spanText(f), 'user_idd');
    assert.deepEqual(f.fixes.map((x) => x.edits[0].newText), ['user_id']);
  });
  it('reports a syntax error at the parser position', () => {
    const [f] = of('syntax');
    assert.equal(f.error.name, 'SYNTAX_ERROR');
    assert.equal(index.text(f.file.path)!.slice(f.span.start, f.span.start + 1), ')');
  });
  it('reports an unknown function on its name', () => {
    const [f] = of('function');
    assert.equal(f.error.name, 'UNKNOWN_FUNCTION');
    assert.equal(spanText(f), 'summ');
  });
  it('checks a materialized node output against its target with ClickHouse conversions', () => {
    const [f] = of('mv_bad');
    assert.equal(of('mv_bad').length, 1);
    assert.equal(f.error.name, 'CANNOT_CONVERT_TYPE');
    assert.match(f.message, /^CANNOT_CONVERT_TYPE: Conversion from Float64 to AggregateFunction\(sum, Float64\) is not supported/);
    assert.equal(spanText(f), 'totals');
  });
});

describe('cleanMessage', () => {
  it('drops the scope and keeps suggestions', () => {
    assert.deepEqual(cleanMessage("Unknown expression identifier `dummyy` in scope SELECT dummyy FROM t. Maybe you meant: ['dummy']"), { text: 'Unknown expression identifier dummyy', suggestions: ['dummy'] });
    assert.deepEqual(cleanMessage("Unknown table expression identifier 'x' in scope SELECT 1 FROM x. Maybe you meant default.t?"), { text: "Unknown table expression identifier 'x'", suggestions: ['default.t'] });
  });
});

describe('corpus analysis', () => {
  it('has no finding on the nodes it can resolve', async () => {
    const corpus = new WorkspaceIndex();
    for (const f of corpusFiles()) corpus.update(f.path, f.text);
    const engine = testEngine();
    try {
      const { created } = await createProjectTables(engine, corpus);
      const { findings, stats } = await analyseFiles(engine, corpus, [...corpus.all()], created);
      assert.deepEqual(findings.map((f) => `${f.file.name}.${f.node}: ${f.message}`), []);
      assert.ok(stats.analysed > 300, `${stats.analysed} nodes analysed`);
    } finally {
      await engine.close();
    }
  });
});

describe('analysis with saved parameter values', () => {
  const PARAMS: Record<string, string> = {
    'datasources/events.datasource': 'SCHEMA >\n    `user_id` String,\n    `amount` Float64\n',
    // Clean in test mode (the default column); the saved value names a column events does not have.
    'pipes/grouped.pipe': "NODE g\nSQL >\n    %\n    SELECT {{column(group_by, 'user_id')}} AS k, sum(amount) AS total FROM events GROUP BY k\n",
    // The same error in both renderings: reported once, as the test-mode finding.
    'pipes/filtered.pipe': 'NODE f\nSQL >\n    %\n    SELECT sum(amountt) AS total FROM events WHERE amount > {{Float64(min_amount, 0)}}\n',
  };
  const index = new WorkspaceIndex();
  for (const [p, text] of Object.entries(PARAMS)) index.update(path.join('/s', p), text);
  const saved: Record<string, Record<string, string>> = { grouped: { group_by: 'user_idd' }, filtered: { min_amount: '5' } };
  let engine: EngineClient;
  before(() => (engine = testEngine()));
  after(() => engine.close());

  it('analyses each node in test mode and with the saved values; the message says which', async () => {
    const { created } = await createProjectTables(engine, index);
    const files = [...index.all()];
    const plain = await analyseFiles(engine, index, files, created);
    assert.deepEqual(plain.findings.map((f) => [f.file.name, f.message]), [['filtered', 'UNKNOWN_IDENTIFIER: Unknown expression or function identifier amountt']]);
    const { findings } = await analyseFiles(engine, index, files, created, { savedParams: (pipe) => saved[pipe.name] });
    assert.deepEqual(
      findings.map((f) => [f.file.name, f.message]).sort(),
      [
        ['filtered', 'UNKNOWN_IDENTIFIER: Unknown expression or function identifier amountt'],
        ['grouped', 'with saved parameters: UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd'],
      ],
    );
  });
});
