// Every datafile of the crowd.dev corpus is a `tb fmt` fixed point (its CI runs `tb fmt --diff`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { formatDatafile } from '../../server/format';
import { CORPUS_ROOT, corpusFiles, firstDiff } from './testData';

test('crowd.dev corpus: every datafile is a fixed point', () => {
  const files = corpusFiles();
  assert.ok(files.length >= 427, `expected the 427 corpus datafiles, found ${files.length}`);
  formatDatafile(files[0].text, files[0].file, { env: {} }); // warm-up, so the timing below is steady-state
  const started = performance.now();
  const failures: string[] = [];
  for (const { file, text } of files) {
    const result = formatDatafile(text, file, { env: {} });
    if (!result.ok) failures.push(`${path.relative(CORPUS_ROOT, file)}: refused: ${result.error}`);
    else if (result.text !== text) failures.push(`${path.relative(CORPUS_ROOT, file)}: ${firstDiff(result.text, text)}`);
  }
  const elapsed = performance.now() - started;
  console.log(`corpus: ${files.length - failures.length}/${files.length} fixed points, formatted in ${elapsed.toFixed(0)} ms`);
  assert.deepEqual(failures, []);
});
