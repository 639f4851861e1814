// ClickHouse: "Sorting key contains nullable columns, but merge tree setting `allow_nullable_key`
// is disabled".
import type { Finding, Rule } from '../rule';
import { argSubSpan, enginesOf, insertEngineArg, type EngineInfo } from '../support/engine';
import { keyIdentifiers } from '../support/keyExpr';

const ALLOWS = /\ballow_nullable_key\s*=\s*(1|true)\b/i;

export const rule: Rule = {
  id: 'nullable-sorting-key',
  severity: 'error',
  category: 'engine',
  summary: 'A Nullable column in the sorting key without `allow_nullable_key` in ENGINE_SETTINGS.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const info of enginesOf(file)) {
      const key = info.args.get('sorting_key');
      if (!key || !info.columns || ALLOWS.test(info.args.get('settings')?.value ?? '')) continue;
      for (const id of keyIdentifiers(key.value)) {
        if (!info.columns.get(id.name)?.nullable) continue;
        findings.push({
          span: argSubSpan(file, key, id.span),
          message: `Sorting key contains the nullable column ${id.name}, but merge tree setting \`allow_nullable_key\` is disabled. Make the column non-Nullable (e.g. with a DEFAULT) or add allow_nullable_key = 1 to ENGINE_SETTINGS.`,
          data: info,
        });
      }
    }
    return findings;
  },
  fix({ file }, finding) {
    const info = finding.data as EngineInfo;
    const settings = info.args.get('settings');
    const edit = settings
      ? { span: { start: settings.span.end, end: settings.span.end }, newText: ', allow_nullable_key = 1' }
      : insertEngineArg(file, info, 'settings', 'allow_nullable_key = 1');
    return [{ title: 'Add allow_nullable_key = 1 to ENGINE_SETTINGS', edits: [edit] }];
  },
};
