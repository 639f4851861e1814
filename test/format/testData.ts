// Test data shared with this repo at run time: the golden `tb fmt` cases under
// ../shared/golden/fmt (see its README.md) and the crowd.dev corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedPath } from '../support/shared';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED = sharedPath();
export const GOLDEN_ROOT = path.resolve(SHARED, 'golden/fmt');

/** The environment the oracle ran with, and nothing else. */
export const GOLDEN_ENV: Readonly<Record<string, string>> = {
  TB_GOLDEN_DB: 'golden_db',
  TB_GOLDEN_TABLE: 'golden_events',
  TB_GOLDEN_NODE: 'node_from_env',
  TB_GOLDEN_LIMIT: '42',
};

export interface GoldenCase {
  group: string;
  id: string;
  dir: string;
  /** Path of `input.<ext>`. */
  inputPath: string;
  input: string;
  /** Absent for error cases. */
  expected?: string;
  error?: string;
  idempotent: boolean;
}

export function goldenGroups(): string[] {
  return readdirSync(GOLDEN_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function goldenCases(group: string): GoldenCase[] {
  const groupDir = path.join(GOLDEN_ROOT, group);
  return readdirSync(groupDir)
    .sort()
    .map((id) => {
      const dir = path.join(groupDir, id);
      const files = readdirSync(dir);
      const inputName = files.find((f) => f.startsWith('input.'));
      if (!inputName) throw new Error(`golden case without input: ${dir}`);
      const expectedName = files.find((f) => f.startsWith('expected.'));
      const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
      return {
        group,
        id,
        dir,
        inputPath: path.join(dir, inputName),
        input: read(inputName),
        expected: expectedName ? read(expectedName) : undefined,
        error: existsSync(path.join(dir, 'error.txt')) ? read('error.txt').trim() : undefined,
        idempotent: !files.includes('not-idempotent'),
      };
    });
}

/** The first differing line of two texts, for readable failure messages. */
export function firstDiff(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}:\n  expected ${JSON.stringify(e[i])}\n  actual   ${JSON.stringify(a[i])}`;
  }
  return 'texts differ only in length';
}

export const CORPUS_ROOT = path.resolve(SHARED, 'corpus/crowd.dev');

/** Every .datasource / .pipe / .incl file of the crowd.dev corpus, with its text. */
export function corpusFiles(): { file: string; text: string }[] {
  return readdirSync(CORPUS_ROOT, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(datasource|pipe|incl)$/.test(f))
    .sort()
    .map((f) => ({ file: path.join(CORPUS_ROOT, f), text: readFileSync(path.join(CORPUS_ROOT, f), 'utf8') }));
}
