// INCLUDE of a file that does not exist: tb check fails with this message.
import * as fs from 'node:fs';
import { resolveIncludePath } from '../../workspace/index';
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'include-not-found',
  severity: 'error',
  category: 'grammar',
  crossFile: true,
  summary: 'INCLUDE names a file that does not exist (the path is relative to the including file).',
  check({ index, file }) {
    const findings: Finding[] = [];
    for (const decl of file.parsed.includes) {
      if (decl.path.includes('$')) continue;
      const target = resolveIncludePath(file.path, decl.path);
      if (index.get(target) || fs.existsSync(target)) continue;
      findings.push({
        span: decl.pathSpan,
        message: `Included file ${decl.path} at line ${decl.command.line + 1} not found. Check if the file exists and the path is correct.`,
      });
    }
    return findings;
  },
};
