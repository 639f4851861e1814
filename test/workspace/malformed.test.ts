import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diagnoseFile } from '../../server/diagnostics/index';
import { WorkspaceIndex } from '../../server/workspace/index';

// Bad input must give diagnostics (every rule runs on it), never an exception or a hang. (No timing assertions here: a
// hang would be caught by the test runner's timeout, and speed is measured by `npm run bench`.)
const index = new WorkspaceIndex();
const cases: Record<string, string> = {
  binary: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
  invalidUtf8: Buffer.from([0x4e, 0x4f, 0x44, 0x45, 0x20, 0xff, 0xfe, 0x0a, 0xc3, 0x28]).toString('utf8'),
  unterminatedQuotes: 'NODE "open\nSQL >\n    SELECT \'x\nDESCRIPTION "never closed\n',
  crlfAndBom: '\ufeffNODE n\r\nSQL >\r\n    SELECT 1\r\n',
  onlyGarbageKeywords: '>>>\n> > >\n{{ }}\n%\n',
  unbalancedTemplate: 'NODE n\nSQL >\n    %\n    SELECT {% if %} {{ {% end %} {% end %}\n',
  hugeSingleLine: `NODE n\nSQL >\n    SELECT ${'a, '.repeat(400_000)}1 FROM t\n`,
  tenMegabytes: 'SCHEMA >\n' + '    `c` String,\n'.repeat(700_000) + '    `last` String\n',
};

/** Cases no datafile kind accepts: each must get at least one error, whatever the extension. */
const rejected = new Set(['binary', 'invalidUtf8', 'unterminatedQuotes', 'onlyGarbageKeywords', 'crlfAndBom', 'unbalancedTemplate']);

for (const [name, text] of Object.entries(cases)) {
  test(`malformed input does not crash: ${name}`, () => {
    for (const ext of ['pipe', 'datasource', 'incl']) {
      index.update(`/m/${name}.${ext}`, text);
      const diagnostics = diagnoseFile(index, index.get(`/m/${name}.${ext}`)!);
      if (rejected.has(name)) assert.ok(diagnostics.some((d) => d.severity === DiagnosticSeverity.Error), `${name}.${ext}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    }
  });
}

test('the cross-file rules run on the 1.2 MB line too: its unknown table is reported', () => {
  const diagnostics = diagnoseFile(index, index.get('/m/hugeSingleLine.pipe')!);
  assert.deepEqual(diagnostics.map((d) => d.code), ['unresolved-reference']);
  assert.match(diagnostics[0].message, /^t is not defined in this workspace/);
});

test('the ten-megabyte schema is fully parsed', () => {
  const file = index.get('/m/tenMegabytes.datasource')!;
  assert.ok(file.parsed.text.length > 10_000_000);
  assert.equal(file.parsed.nodes[0].schema?.columns.length, 700_001);
});
