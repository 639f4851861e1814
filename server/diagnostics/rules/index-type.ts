// The server accepts only the whitelisted skipping-index types at push.
import { INDEX_TYPES } from '../../catalog/keywords';
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'index-type',
  severity: 'error',
  category: 'grammar',
  summary: 'An INDEXES entry whose type Tinybird does not allow (allowed: minmax, set, bloom_filter, ngrambf_v1, tokenbf_v1).',
  check({ file }) {
    const findings: Finding[] = [];
    const text = file.parsed.text;
    for (const node of file.parsed.nodes) {
      for (const index of node.indexes?.indexes ?? []) {
        const type = index.typeFull.replace(/\(.*$/s, '');
        if (INDEX_TYPES.includes(type)) continue;
        const line = text.slice(index.span.start, index.span.end);
        const at = line.search(new RegExp(`\\bTYPE\\s+${type}\\b`));
        const start = at < 0 ? index.span.start : index.span.start + line.indexOf(type, at + 4);
        findings.push({
          span: { start, end: at < 0 ? index.span.end : start + type.length },
          message: `Index type ${type} is not allowed by Tinybird. Use one of: ${INDEX_TYPES.join(', ')}.`,
        });
      }
    }
    return findings;
  },
};
