import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { completion } from '../../server/features/completion';
import { definition } from '../../server/features/definition';
import { documentHighlights } from '../../server/features/highlights';
import { hover } from '../../server/features/hover';
import { references } from '../../server/features/references';
import { prepareRename } from '../../server/features/rename';
import { occurrences } from '../../server/semantic/symbols';
import { pathToUri } from '../../server/lsp/convert';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { corpusIndex, fileOf, FIXTURES, indexOf, offsetOf, refusal, where } from './support';

const index = indexOf(`${FIXTURES}/derived-columns`);
const ctxOf = (idx: WorkspaceIndex) => ({ index: idx, uriOf: pathToUri });
const ctx = ctxOf(index);

function hoverText(idx: WorkspaceIndex, file: string, needle: string, delta = 1, nth = 0): string {
  const f = fileOf(idx, file);
  const result = hover(ctxOf(idx), f, offsetOf(f, needle, delta, nth));
  return result ? (result.contents as MarkupContent).value : '';
}

const def = (needle: string, delta: number, nth = 0) => {
  const f = fileOf(index, 'repo_stars');
  return definition(ctx, f, offsetOf(f, needle, delta, nth)).map((l) => where(index, l));
};

describe('output columns of CTEs and subqueries', () => {
  it('hovers a subquery column with its expression and the datasource column it passes on', () => {
    const stars = hoverText(index, 'repo_stars', 'm.currentStars', 3);
    assert.match(stars, /^\*\*column\*\* `currentStars` of subquery `m` of this node\n\n```sql\nstars\n```/);
    assert.match(stars, /from \*\*column\*\* `stars` `UInt32` of \[`repos`\]\([^)]*repos\.datasource#L3\)/);
    const total = hoverText(index, 'repo_stars', 'm.total', 3);
    assert.match(total, /```sql\ncount\(\)\n```$/, 'a computed column has no source');
    assert.match(hoverText(index, 'repo_stars', 'AS total', 4), /^\*\*column\*\* `total` of subquery `m`/, 'also on its alias');
  });

  it('hovers CTE columns, qualified and unqualified, and follows nested subqueries', () => {
    assert.match(hoverText(index, 'repo_stars', 'm.repoUrl', 3), /^\*\*column\*\* `repoUrl` of CTE `m`[^]*```sql\nr\.url\n```[^]*`url` `String` of \[`repos`\]/);
    assert.match(hoverText(index, 'repo_stars', ', topStars', 3), /```sql\nmax\(r\.stars\)\n```/);
    assert.match(hoverText(index, 'repo_stars', 'outer_q.link', 9), /```sql\nbase\.url\n```[^]*`url` `String` of \[`repos`\]/);
    assert.match(hoverText(index, 'repo_stars', 'outer_q.isArchived', 9), /`archived` `UInt8` of \[`repos`\]/);
  });

  it('goes to the origin: the SCHEMA column passed on, else the expression', () => {
    assert.deepEqual(def('m.currentStars', 3), ['repos.datasource:3:stars']);
    assert.deepEqual(def('outer_q.link', 9), ['repos.datasource:2:url']);
    assert.deepEqual(def('m.total', 3), ['repo_stars.pipe:6:count()']);
    assert.deepEqual(def(', topStars', 3), ['repo_stars.pipe:14:max(r.stars)']);
  });

  it('finds and highlights the uses of an output column in its node, not renaming it', () => {
    const f = fileOf(index, 'repo_stars');
    const offset = offsetOf(f, 'm.total', 3);
    assert.deepEqual(references(ctx, f, offset, true).map((l) => where(index, l)), ['repo_stars.pipe:3:total', 'repo_stars.pipe:6:total', 'repo_stars.pipe:10:total']);
    assert.equal(documentHighlights(ctx, f, offset).length, 3);
    assert.match(refusal(() => prepareRename(ctx, f, offset, { canRenameFiles: true, exists: () => false, testFiles: () => [] })), /"total" is computed in this node's SQL/);
  });

  it('completes the columns of a subquery or CTE after `alias.`', () => {
    const labels = (name: string, text: string) => {
      const path = `${FIXTURES}/derived-columns/pipes/${name}`;
      index.update(path, text.replace('|', ''));
      const { items } = completion(ctx, index.get(path)!, text.indexOf('|'));
      index.remove(path);
      return items.map((i) => `${i.label}: ${i.detail}`).sort();
    };
    assert.deepEqual(labels('c1.pipe', 'NODE a\nSQL >\n    SELECT m.| FROM (SELECT url, stars AS s, count() AS c FROM repos GROUP BY url, stars) AS m\n'), [
      'c: count()',
      's: UInt32 · repos',
      'url: String · repos',
    ]);
    assert.deepEqual(labels('c2.pipe', 'NODE a\nSQL >\n    WITH w AS (SELECT url AS u FROM repos)\n    SELECT x.| FROM w AS x\n'), ['u: String · repos']);
  });

  it('resolves columns computed in corpus subqueries, through nested ones', () => {
    const corpus = corpusIndex();
    const url = hoverText(corpus, 'health_score_v2_lifecycle', 'ON c.repoUrl = r.url', 17);
    assert.match(url, /^\*\*column\*\* `url` of subquery `r`[^]*```sql\nbase\.url\n```[^]*`url` `String` of \[`repositories`\]/);
    assert.match(hoverText(corpus, 'health_score_v2_lifecycle', 'c.commitsLast6m', 3), /```sql\ncountIf\(ar\.timestamp > now\(\) - INTERVAL 6 MONTH\)\n```/);
    const f = fileOf(corpus, 'health_score_v2_lifecycle');
    assert.ok(occurrences(corpus, f).filter((o) => o.target.kind === 'derived').length > 20);
  });
});
