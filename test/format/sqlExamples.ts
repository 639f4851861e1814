import * as fs from 'node:fs';
import { sharedPath } from '../support/shared';

export const SPEC_PATH = sharedPath('reference/sql-format.md');

export interface SpecExample {
  id: string;
  title: string;
  /** The lines under `SQL >`, without file indentation. */
  input: string[];
  /** The exact lines tb fmt writes under `SQL >`, with the 4-space indentation. */
  output: string[];
}

/** Parses §15 of the spec: `### Exx: title`, then an `Input:` and an `Output:` fenced block. */
export function specExamples(): SpecExample[] {
  const md = fs.readFileSync(SPEC_PATH, 'utf8');
  const section = md.slice(md.indexOf('## 15. Verified examples'));
  const examples: SpecExample[] = [];
  const re = /^### (E\d+b?): (.*)\n\nInput:\n\n```\n([\s\S]*?)\n```\n\nOutput:\n\n```\n([\s\S]*?)\n```/gmu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(section))) {
    examples.push({ id: m[1], title: m[2], input: m[3].split('\n'), output: m[4].split('\n') });
  }
  return examples;
}
