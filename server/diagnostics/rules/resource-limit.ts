// A limit that keeps the tools responsive was hit: a file above the size limit, an INCLUDE whose
// expansion is too large or too deep, or more diagnostics than are shown per file.
import { includeLimitMessage, oversizeMessage } from '../../workspace/limits';
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'resource-limit',
  severity: 'warning',
  category: 'grammar',
  crossFile: true,
  summary: 'A file above the size limit, an INCLUDE expanding too much or too deep, or too many diagnostics: part of the file is not analysed.',
  check({ index, file }) {
    const findings: Finding[] = [];
    const oversize = index.oversizeOf(file);
    if (oversize) findings.push({ span: { start: 0, end: 0 }, message: oversizeMessage(oversize.size, oversize.limit) });
    for (const { decl, limit } of index.includeLimitsOf(file)) findings.push({ span: decl.pathSpan, message: includeLimitMessage(limit) });
    return findings;
  },
};
