// Access to the shared crowd.dev corpus (read at test time from ../shared, never copied).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT, SHARED, sharedPath } from './shared';

export { REPO_ROOT, SHARED };
export const CORPUS = sharedPath('corpus/crowd.dev');

export interface CorpusFile {
  path: string;
  text: string;
}

/** Every datafile of the corpus, sorted by path. */
export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const dir of ['datasources', 'pipes']) {
    for (const name of fs.readdirSync(path.join(CORPUS, dir)).sort()) {
      if (!/\.(datasource|pipe|incl)$/.test(name)) continue;
      const file = path.join(CORPUS, dir, name);
      out.push({ path: file, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return out;
}
