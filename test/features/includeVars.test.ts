import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import type { MarkupContent, TextDocumentEdit } from 'vscode-languageserver';
import { definition } from '../../server/features/definition';
import { documentHighlights } from '../../server/features/highlights';
import { hover } from '../../server/features/hover';
import { variableNames } from '../../server/semantic/model';
import { references } from '../../server/features/references';
import { prepareRename, rename } from '../../server/features/rename';
import { pathToUri } from '../../server/lsp/convert';
import { applyEdit, corpusIndex, fileOf, FIXTURES, indexOf, offsetOf, refusal, where } from './support';

const index = indexOf(`${FIXTURES}/include-vars`);
const ctx = { index, uriOf: pathToUri };
const can = { canRenameFiles: true, exists: fs.existsSync, testFiles: () => [] };
const at = (file: string, needle: string, delta: number) => {
  const f = fileOf(index, file);
  return { f, offset: offsetOf(f, needle, delta) };
};

describe('names given by INCLUDE variables', () => {
  it('finds the whole and the partial names, with the argument value', () => {
    const show = (file: string) => variableNames(index, fileOf(index, file)).map((v) => `${v.variable}=${v.name}${v.whole ? '' : ' (part)'}`);
    assert.deepEqual(show('counts'), ['TABLE=events']);
    assert.deepEqual(show('ids'), ['TABLE=events']);
    assert.deepEqual(show('acme_reader'), ['PREFIX=acme_events (part)']);
    assert.deepEqual(show('profiles'), ['SRC=users', 'SRC=users_profiles (part)']);
    const counts = fileOf(index, 'counts');
    const [v] = variableNames(index, counts);
    assert.equal(counts.parsed.text.slice(v.valueSpan.start, v.valueSpan.end), 'events');
  });

  it('resolves the argument value to the datasource: hover, definition, references, highlights', () => {
    const { f, offset } = at('counts', 'TABLE=events', 7);
    const text = (hover(ctx, f, offset)?.contents as MarkupContent).value;
    assert.match(text, /^\*\*datasource\*\* \[`events`\]/);
    assert.match(text, /\*\*Read by\*\* \(2\)/);
    assert.deepEqual(definition(ctx, f, offset).map((l) => where(index, l)), ['events.datasource:1:']);
    assert.deepEqual(references(ctx, f, offset, false).map((l) => where(index, l)).sort(), ['counts.pipe:1:events', 'ids.pipe:1:events', 'ids.pipe:5:events']);
    const ids = at('ids', 'JOIN events', 6);
    assert.equal(documentHighlights(ctx, ids.f, ids.offset).length, 2);
  });

  it('renames a datasource read as $TABLE and ${TABLE}: the INCLUDE arguments change, the .incl files do not', () => {
    const { f, offset } = at('ids', 'JOIN events', 6);
    assert.equal(prepareRename(ctx, f, offset, can).placeholder, 'events');
    const edit = rename(ctx, f, offset, 'raw_events', can);
    const edited = (edit.documentChanges!.filter((c) => !('kind' in c)) as TextDocumentEdit[]).map((c) => c.textDocument.uri.replace(/.*\//, '')).sort();
    assert.deepEqual(edited, ['counts.pipe', 'ids.pipe']);
    const after = applyEdit(index, edit);
    assert.match(after.text(fileOf(after, 'counts').path)!, /^INCLUDE "\.\.\/includes\/shared\.incl" "TABLE=raw_events"\n/);
    assert.match(after.text(fileOf(after, 'ids').path)!, /^INCLUDE "\.\.\/includes\/braced\.incl" TABLE=raw_events\n/);
    assert.equal(after.text(fileOf(after, 'shared.incl').path), index.text(fileOf(index, 'shared.incl').path));
    assert.equal(after.readersOf('raw_events').length, index.readersOf('events').length);
    assert.equal(after.readersOf('events').length, 0);
  });

  it('refuses names only partly built from a variable, and the variables themselves', () => {
    const own = at('acme_events', '`acme_events`', 2);
    assert.match(refusal(() => prepareRename(ctx, own.f, own.offset, can)), /"acme_events" is built in part from the INCLUDE variable PREFIX \(prefixed\.incl, included by acme_reader\.pipe\)/);
    const value = at('acme_reader', 'PREFIX=acme', 8);
    assert.match(refusal(() => prepareRename(ctx, value.f, value.offset, can)), /The value of PREFIX only builds part of "acme_events"/);
    const users = at('profiles', 'SRC=users', 5);
    assert.match(refusal(() => prepareRename(ctx, users.f, users.offset, can)), /INCLUDE variable SRC \(mixed\.incl, included by profiles\.pipe\) also builds "users_profiles"/);
    const braced = at('prefixed.incl', '${PREFIX}', 3);
    assert.match(refusal(() => prepareRename(ctx, braced.f, braced.offset, can)), /"PREFIX" is an INCLUDE variable/);
    const plain = at('shared.incl', '$TABLE', 2);
    assert.match(refusal(() => prepareRename(ctx, plain.f, plain.offset, can)), /"TABLE" is an INCLUDE variable/);
    assert.equal(hover(ctx, plain.f, plain.offset), null, 'an unsubstituted variable names nothing');
  });

  it('adds nothing on the corpus, which passes no INCLUDE variables', () => {
    const corpus = corpusIndex();
    for (const f of corpus.all()) assert.deepEqual(variableNames(corpus, f), [], f.path);
  });
});
