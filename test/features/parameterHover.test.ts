// Hover on a template parameter: its declaration across the pipe's nodes and, once the client has rendered
// the pipe with values (compiled SQL), the SQL its value becomes through its type function.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/features/hover';
import { pathToUri } from '../../server/lsp/convert';
import { fileOf, FIXTURES, indexOf, offsetOf } from './support';

const index = indexOf(`${FIXTURES}/template-parameters`);
const pipe = fileOf(index, 'repo_events');

function hoverAt(needle: string, delta: number, values?: Record<string, string>, nth = 0): string {
  const ctx = { index, uriOf: pathToUri, parameterValues: () => values };
  const result = hover(ctx, pipe, offsetOf(pipe, needle, delta, nth));
  return result ? (result.contents as MarkupContent).value : '';
}

describe('hover on a template parameter', () => {
  it('shows the declaration: type, required, default and description', () => {
    assert.equal(hoverAt('String(repo', 8), '**parameter** `repo` — String · required · default `tinybird`\n\nRepository to read');
  });

  it('shows the same declaration where another node only tests it with defined()', () => {
    assert.equal(hoverAt('defined(repo)', 9, undefined, 0), '**parameter** `repo` — String · required · default `tinybird`\n\nRepository to read');
  });

  it('covers the word under the cursor only', () => {
    const file = pipe;
    const result = hover({ index, uriOf: pathToUri }, file, offsetOf(file, 'Int32(limit', 7));
    const start = offsetOf(file, 'Int32(limit', 6);
    assert.ok(result?.range);
    assert.equal(file.parsed.text.slice(start, start + 5), 'limit');
    assert.deepEqual([result.range.start.character, result.range.end.character], [start - file.parsed.text.lastIndexOf('\n', start) - 1, start - file.parsed.text.lastIndexOf('\n', start) + 4]);
    assert.match((result.contents as MarkupContent).value, /^\*\*parameter\*\* `limit` — Int32 · optional · default `10`$/);
  });

  it('shows the value the client set, escaped into SQL by the type function', () => {
    assert.match(hoverAt('String(repo', 8, { repo: "it's" }), /\n\n\*\*Value\*\* `it's` → `'it\\'s'`$/);
    assert.match(hoverAt('Array(ids', 7, { ids: '1,2' }), /\*\*Value\*\* `1,2` → `\[1,2\]`$/);
    assert.match(hoverAt('Int32(limit', 7, { limit: '20' }), /\*\*Value\*\* `20` → `toInt32\('20'\)`$/);
  });

  it("shows Tinybird's error for a value the type function rejects", () => {
    assert.match(hoverAt('Int32(limit', 7, { limit: 'ten' }), /\*\*Value\*\* `ten` → SQLTemplateException: Template Syntax Error: Error validating 'ten' to type Int32$/);
  });

  it('shows no value for a parameter the client did not set', () => {
    assert.doesNotMatch(hoverAt('Int32(limit', 7, { repo: 'x' }), /Value/);
  });

  it('leaves function names, strings and names outside template tags to the other hovers', () => {
    assert.match(hoverAt('String(repo', 2), /^```\nString\(/);
    assert.equal(hoverAt("'tinybird'", 3), '');
    assert.doesNotMatch(hoverAt('WHERE repo', 7), /\*\*parameter\*\*/);
  });
});
