// `k=v` entries of TAGS are node parameters for tb, but tb fmt drops them.
import type { Finding, Rule } from '../rule';

export const rule: Rule = {
  id: 'fmt-kv-tags',
  severity: 'info',
  category: 'fmt',
  summary: '`k=v` entries in TAGS, which tb fmt drops.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const command of file.parsed.commands) {
      if (command.name !== 'tags' || command.invalid) continue;
      const kv = command.value.replace(/^["']|["']$/g, '').split(',').map((t) => t.trim()).filter((t) => t.includes('='));
      if (!kv.length) continue;
      findings.push({ span: command.valueSpan, message: `tb fmt drops the k=v tags ${kv.join(', ')}; only plain tags survive formatting.` });
    }
    return findings;
  },
};
