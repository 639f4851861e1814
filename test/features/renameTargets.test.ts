import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RenameFile, WorkspaceEdit } from 'vscode-languageserver';
import { columnWriters } from '../../server/semantic/writers';
import { pipeParameters } from '../../server/semantic/model';
import { prepareRename, rename } from '../../server/features/rename';
import { occurrencesOf } from '../../server/semantic/occurrences';
import { columnsIn } from '../../server/workspace/facts';
import { occurrences, type Target } from '../../server/semantic/symbols';
import { pathToUri, uriToPath } from '../../server/lsp/convert';
import { testFilesUnder } from '../../server/workspace/discovery';
import type { FileFacts } from '../../server/workspace/facts';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { changedLines, CORPUS, fileOf, FIXTURES, indexOf, offsetOf, refusal, withEdit, workspaceFindings } from './support';

const ctxOf = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri });
const can = { canRenameFiles: true, exists: fs.existsSync, testFiles: () => [] };
const uses = (index: WorkspaceIndex, target: Target) => occurrencesOf(index, target).reduce((n, f) => n + f.occurrences.length, 0);

describe('rename a SCHEMA column', () => {
  const index = indexOf(`${FIXTURES}/column-rename`);
  const ctx = ctxOf(index);
  const orders = fileOf(index, 'orders');

  it('renames the declaration, ENGINE keys, DEFAULTs, SQL uses through nodes, subqueries and pipes, and the writers', () => {
    const offset = offsetOf(orders, '`amount`', 2);
    assert.equal(prepareRename(ctx, orders, offset, can).placeholder, 'amount');
    assert.deepEqual(changedLines(index, rename(ctx, orders, offset, 'amount_usd', can)), [
      'orders.datasource: `amount_usd` Float64 `json:$.amount`,',
      'orders.datasource: `net` Float64 `json:$.net` DEFAULT amount_usd * 0.8,',
      'orders.datasource: ENGINE_SORTING_KEY placed_at, amount_usd, order_id',
      // daily_totals keeps its own `amount`: only the input is renamed.
      'daily_totals_mv.pipe: SELECT toDate(placed_at) AS day, sum(amount_usd) AS amount',
      'orders_api.pipe: SELECT order_id, amount_usd, placed_at',
      'orders_api.pipe: WHERE amount_usd > {{ Float64(min_amount, 0, description="Smallest amount") }}',
      'orders_api.pipe: {% if defined(max_amount) %} AND amount_usd < {{ Float64(max_amount) }} {% end %}',
      'orders_api.pipe: SELECT recent.order_id, t.amount_usd',
      'orders_api.pipe: FROM (SELECT order_id, amount_usd FROM recent) AS t',
      'orders_api.pipe: ORDER BY t.amount_usd DESC',
      // A plain column written into another datasource keeps the name that datasource has.
      'orders_latest_mv.pipe: SELECT o.order_id, amount_usd AS amount FROM orders AS o',
      // A pipe reading the endpoint that passes the column on.
      'orders_report.pipe: SELECT sum(amount_usd) AS total FROM orders_api',
      // The writer of orders renames its alias.
      'orders_from_raw.pipe: SELECT order_id, price AS amount_usd, price * 0.8 AS net, placed_at FROM orders_raw',
    ]);
  });

  it('starts from a use in SQL too, and gives a plain column of another table an alias in the writer', () => {
    const api = fileOf(index, 'orders_api');
    const offset = offsetOf(api, 'recent.order_id', 9);
    assert.equal(prepareRename(ctx, api, offset, can).placeholder, 'order_id');
    const lines = changedLines(index, rename(ctx, api, offset, 'oid', can));
    assert.ok(lines.includes('orders.datasource: `oid` String `json:$.order_id`,'), lines.join('\n'));
    assert.ok(lines.includes('orders_api.pipe: JOIN recent ON recent.oid = t.oid'));
    assert.ok(lines.includes('orders_latest_mv.pipe: SELECT o.oid AS order_id, amount FROM orders AS o'));
    assert.ok(lines.includes('orders_from_raw.pipe: SELECT order_id AS oid, price AS amount, price * 0.8 AS net, placed_at FROM orders_raw'));
  });

  it('refuses a new name the datasource or an edited node already has', () => {
    const offset = offsetOf(orders, '`amount`', 2);
    assert.match(refusal(() => rename(ctx, orders, offset, 'net', can)), /orders already has a column named "net"/);
    assert.match(refusal(() => rename(ctx, orders, offset, 'day', can)), /"day" is already a name in node "per_day" of daily_totals_mv.pipe/);
    assert.match(refusal(() => rename(ctx, orders, offset, '2amount', can)), /not a valid name/);
  });
});

describe('rename a template parameter', () => {
  const index = indexOf(`${FIXTURES}/column-rename`);
  const ctx = ctxOf(index);
  const api = fileOf(index, 'orders_api');

  it('renames every use in the pipe\'s template tags, defined() and type functions alike', () => {
    const offset = offsetOf(api, 'defined(max_amount', 9);
    assert.equal(prepareRename(ctx, api, offset, can).placeholder, 'max_amount');
    assert.deepEqual(changedLines(index, rename(ctx, api, offset, 'highest', can)), [
      'orders_api.pipe: {% if defined(highest) %} AND amount < {{ Float64(highest) }} {% end %}',
    ]);
  });

  it('refuses a name the pipe\'s template code already uses', () => {
    const offset = offsetOf(api, 'Int32(limit', 7);
    assert.match(refusal(() => rename(ctx, api, offset, 'min_amount', can)), /"min_amount" is already a parameter or template variable in node "recent"/);
  });
});

describe('rename a node', () => {
  const index = indexOf(`${FIXTURES}/column-rename`);
  const api = fileOf(index, 'orders_api');

  it('renames its NODE line, FROM/JOIN reads and the columns it qualifies', () => {
    const edit = rename(ctxOf(index), api, offsetOf(api, 'FROM recent', 6), 'latest_orders', can);
    assert.deepEqual(changedLines(index, edit), [
      'orders_api.pipe: NODE latest_orders',
      'orders_api.pipe: SELECT latest_orders.order_id, t.amount',
      'orders_api.pipe: FROM (SELECT order_id, amount FROM latest_orders) AS t',
      'orders_api.pipe: JOIN latest_orders ON latest_orders.order_id = t.order_id',
    ]);
  });
});

describe('test files follow a rename', () => {
  const root = `${FIXTURES}/column-rename`;
  const index = indexOf(root);
  const ctx = ctxOf(index);
  const tests = new Map(testFilesUnder(root).map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const options = { ...can, testFiles: () => [...tests].map(([p, text]) => ({ path: p, text })) };
  const renamed = (edit: ReturnType<typeof rename>) =>
    (edit.documentChanges!.filter((c) => 'kind' in c) as RenameFile[]).map((c) => `${path.basename(uriToPath(c.oldUri)!)} → ${path.basename(uriToPath(c.newUri)!)}`);

  it('renames a pipe in classic `pipe: name:` and `sql:`, and the Forward-style tests/<pipe>.yaml', () => {
    const report = fileOf(index, 'orders_report');
    const edit = rename(ctx, report, offsetOf(report, 'FROM orders_api', 6), 'orders_endpoint', options);
    assert.deepEqual(renamed(edit), ['orders_api.pipe → orders_endpoint.pipe', 'orders_api.yaml → orders_endpoint.yaml']);
    assert.deepEqual(changedLines(index, edit, tests).filter((l) => l.startsWith('orders_checks')), [
      'orders_checks.yaml: SELECT * FROM orders_endpoint WHERE amount < 0',
      'orders_checks.yaml: name: orders_endpoint',
    ]);
  });

  it('renames a datasource in classic SQL, its table-qualified columns too', () => {
    const copy = fileOf(index, 'orders_from_raw');
    const edit = rename(ctx, copy, offsetOf(copy, 'FROM orders_raw', 6), 'raw_orders', options);
    assert.deepEqual(changedLines(index, edit, tests).filter((l) => l.includes('yaml')), ['orders_checks.yaml: sql: SELECT price FROM raw_orders WHERE raw_orders.price < 0']);
  });

  it('renames a column in classic SQL reading it through a pipe', () => {
    const orders = fileOf(index, 'orders');
    const edit = rename(ctx, orders, offsetOf(orders, '`amount`', 2), 'amount_usd', options);
    assert.deepEqual(changedLines(index, edit, tests).filter((l) => l.includes('yaml')), ['orders_checks.yaml: SELECT * FROM orders_api WHERE amount_usd < 0']);
  });

  it('renames a parameter in the classic params: of cases calling the pipe and in Forward-style parameters:', () => {
    const api = fileOf(index, 'orders_api');
    const edit = rename(ctx, api, offsetOf(api, '(min_amount', 1), 'lowest', options);
    assert.deepEqual(changedLines(index, edit, tests), [
      'orders_api.pipe: WHERE amount > {{ Float64(lowest, 0, description="Smallest amount") }}',
      'orders_api.yaml: parameters: lowest=100&limit=5',
      'orders_checks.yaml: lowest: 0',
    ]);
  });
});

describe('prepareRename refuses what it cannot rename safely, saying why', () => {
  const index = indexOf(`${FIXTURES}/rename-refusals`);
  const ctx = ctxOf(index);
  const at = (name: string, needle: string, delta: number) => {
    const file = fileOf(index, name);
    return refusal(() => prepareRename(ctx, file, offsetOf(file, needle, delta), can));
  };

  it('a column another datasource receives through SELECT *', () => {
    assert.match(at('payments', '`fee`', 2), /node "archive" of payments_archive_mv.pipe writes payments_archive with SELECT \* over payments; renaming fee would drop it/);
  });

  it('a column whose writer selects *', () => {
    assert.match(at('payments_archive', '`fee`', 2), /writes payments_archive with SELECT \*; renaming fee cannot follow it/);
  });

  it('a column missing from a templated SELECT list of its writer', () => {
    assert.match(at('fees_by_currency', '`total`', 2), /writes fees_by_currency with a templated SELECT list/);
  });

  it('a column or parameter named in a string of template code (a dynamic name)', () => {
    assert.match(at('payments', '`currency`', 2), /names "currency" in a string of its template code \(a dynamic column\)/);
    assert.match(at('payments_api', 'column(currency', 8), /writes "currency" as a string in its template code \(a dynamic name\)/);
  });

  it('a parameter an included file uses too', () => {
    assert.match(at('payments_api', 'defined(min_fee', 9), /"min_fee" is also used in node "fee_filter" of fee_filter.incl/);
  });

  it('a name that resolves to nothing it can rename (a {% set %} variable, a keyword)', () => {
    assert.match(at('payments_api', '{{ page', 4), /Nothing to rename here/);
    assert.match(at('payments_api', 'LIMIT', 2), /Nothing to rename here/);
  });

  it('a new name a template variable of the pipe already has', () => {
    const api = fileOf(index, 'payments_api');
    assert.match(refusal(() => rename(ctx, api, offsetOf(api, 'Int32(size', 7), 'page', can)), /"page" is already a parameter or template variable/);
  });
});

/** The first place in a file where a target occurs. */
function placeOf(index: WorkspaceIndex, file: FileFacts, target: Target): number {
  const o = occurrences(index, file).find((o) => JSON.stringify(o.target) === JSON.stringify(target));
  assert.ok(o, JSON.stringify(target));
  return o.span.start;
}

describe('rename nodes, columns and parameters of the corpus', () => {
  // A private index: each rename is applied to it in place and undone.
  const corpus = indexOf(CORPUS);
  const ctx = ctxOf(corpus);
  const before = new Set(workspaceFindings(corpus, CORPUS));
  /**
   * Renames, then the findings the renamed workspace has that the original did not; in the pipe alone
   * when only its own names change (`local`: a node or parameter of a pipe without includes is read by
   * nothing outside it).
   */
  const renameClean = (file: FileFacts, offset: number, from: string, check: (to: string, edit: WorkspaceEdit) => void, local = false): string[] => {
    const to = `${from}_v2`;
    const edit = rename(ctx, file, offset, to, can);
    return withEdit(corpus, edit, () => {
      check(to, edit);
      const files = local ? [corpus.get(file.path)!] : corpus.all();
      return workspaceFindings(corpus, CORPUS, { from, to }, files).filter((d) => !before.has(d));
    });
  };

  it('renames every node of the three largest pipes with no new finding', (t) => {
    const pipes = ['insights_projects_populated_copy', 'agentic_ai_momentum_glance_copy', 'categories_oss_index'];
    const broken: string[] = [];
    let count = 0;
    for (const name of pipes) {
      const pipe = corpus.pipe(name)!;
      const reads = pipe.nodeReads.length;
      for (const node of pipe.nodes.filter((n) => n.node.command).map((n) => n.name)) {
        const target: Target = { kind: 'node', path: pipe.path, name: node };
        const added = renameClean(pipe, placeOf(corpus, pipe, target), node, (to, edit) => {
          const after = corpus.pipe(name)!;
          assert.ok(after.nodes.some((n) => n.name === to), `${name}: ${to}`);
          assert.equal(after.nodeReads.length, reads, `${name}: ${node} reads`);
          assert.equal(edit.documentChanges!.length, 1, `${name}.${node}: only its pipe is edited`);
        }, true);
        count++;
        if (added.length) broken.push(`${name}.${node}: ${added.join('; ')}`);
      }
    }
    assert.deepEqual(broken, []);
    assert.equal(count, 42);
    t.diagnostic(`renamed ${count} nodes of ${pipes.length} pipes, no new finding`);
  });

  it('renames snapshotId and activityId of every datasource having them, or refuses saying why', (t) => {
    const broken: string[] = [];
    const refused: string[] = [];
    let renamed = 0;
    for (const column of ['snapshotId', 'activityId']) {
      for (const ds of [...corpus.all()].filter((f) => f.role === 'datasource' && columnsIn(f).has(column))) {
        const target: Target = { kind: 'column', datasource: ds.name, name: column };
        const offset = placeOf(corpus, ds, target);
        try {
          prepareRename(ctx, ds, offset, can);
        } catch (e) {
          refused.push(`${ds.name}.${column}: ${(e as Error).message}`);
          continue;
        }
        const usesBefore = uses(corpus, target);
        const writersBefore = columnWriters(corpus, ds.name, column).writers.length;
        const added = renameClean(ds, offset, column, (to) => {
          assert.equal(uses(corpus, { ...target, name: to }), usesBefore, `${ds.name}.${column}: uses`);
          assert.equal(columnWriters(corpus, ds.name, to).writers.length, writersBefore, `${ds.name}.${column}: writers`);
        });
        renamed++;
        if (added.length) broken.push(`${ds.name}.${column}: ${added.join('; ')}`);
      }
    }
    assert.deepEqual(broken, []);
    t.diagnostic(`renamed ${renamed} columns clean, refused ${refused.length} (${refused.filter((r) => r.includes('SELECT *')).length} for SELECT *): ${refused.slice(0, 3).join(' | ')}`);
    // Most of the corpus's copies of activityRelations are `SELECT *` chains: renaming one link alone would break them.
    assert.deepEqual([renamed, refused.length], [26, 53]);
    assert.ok(refused.every((r) => r.includes('SELECT *')));
  });

  it('renames every parameter of every pipe with no new finding, or refuses saying why', (t) => {
    const broken: string[] = [];
    const refused: string[] = [];
    let renamed = 0;
    for (const pipe of [...corpus.all()].filter((f) => f.role === 'pipe')) {
      const names = new Set(occurrences(corpus, pipe).flatMap((o) => (o.target.kind === 'parameter' ? [o.target.name] : [])));
      for (const name of names) {
        const target: Target = { kind: 'parameter', path: pipe.path, name };
        const offset = placeOf(corpus, pipe, target);
        try {
          prepareRename(ctx, pipe, offset, can);
        } catch (e) {
          refused.push(`${pipe.name}.${name}: ${(e as Error).message}`);
          continue;
        }
        const usesBefore = uses(corpus, target);
        const declared = pipeParameters(corpus, pipe).find((p) => p.name === name);
        const added = renameClean(pipe, offset, name, (to, edit) => {
          const after = corpus.pipe(pipe.name)!;
          assert.equal(uses(corpus, { ...target, name: to }), usesBefore, `${pipe.name}.${name}: uses`);
          assert.deepEqual(pipeParameters(corpus, after).find((p) => p.name === to), declared && { ...declared, name: to });
          assert.equal(edit.documentChanges!.length, 1, `${pipe.name}.${name}: only its pipe is edited`);
        }, true);
        renamed++;
        if (added.length) broken.push(`${pipe.name}.${name}: ${added.join('; ')}`);
      }
    }
    assert.deepEqual(broken, []);
    t.diagnostic(`renamed ${renamed} parameters clean, refused ${refused.length}`);
    assert.deepEqual([renamed, refused], [424, []]);
  });
});
