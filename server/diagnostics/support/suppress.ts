// Silencing one occurrence in a way that survives tb fmt (which deletes `#` lines): a
// `tb-lint-disable <rule-id>…` directive in an SQL comment (`-- …`) of a node, or in a DESCRIPTION.
// In a node's SQL or DESCRIPTION it covers that node; in the file's DESCRIPTION, the whole file.
// Without rule ids it covers every rule.
import type { Span } from '../../parser/ast';
import type { FileFacts } from '../../workspace/facts';
import type { Edit, QuickFix } from '../rule';
import { appendToDescription } from './description';

export const DIRECTIVE = 'tb-lint-disable';
const DIRECTIVE_RE = /tb-lint-disable\b([^\n]*)/g;

export type RuleSet = Set<string> | 'all';

export interface Suppressions {
  file?: RuleSet;
  nodes: { span: Span; rules: RuleSet }[];
}

function directiveRules(text: string | undefined): RuleSet | undefined {
  if (!text || !text.includes(DIRECTIVE)) return undefined;
  let rules: RuleSet | undefined;
  for (const m of text.matchAll(DIRECTIVE_RE)) {
    const ids = m[1].split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
    if (!ids.length || rules === 'all') rules = 'all';
    else rules = new Set([...(rules ?? []), ...ids]);
  }
  return rules;
}

export function suppressionsOf(file: FileFacts): Suppressions {
  const parsed = file.parsed;
  const nodes: Suppressions['nodes'] = [];
  for (const node of parsed.nodes) {
    if (!node.command) continue;
    const sqlComments = node.sql?.text.split('\n').filter((l) => /--|\/\*/.test(l)).join('\n');
    for (const text of [sqlComments, node.description?.value]) {
      const rules = directiveRules(text);
      if (rules) nodes.push({ span: node.span, rules });
    }
  }
  return { file: directiveRules(parsed.description?.value), nodes };
}

const covers = (set: RuleSet | undefined, id: string) => set === 'all' || !!set?.has(id);

export function isSuppressed(s: Suppressions, ruleId: string, span: Span): boolean {
  if (covers(s.file, ruleId)) return true;
  return s.nodes.some((n) => covers(n.rules, ruleId) && span.start >= n.span.start && span.start <= n.span.end);
}

/**
 * The edit that silences `ruleId` where `span` is: a `-- tb-lint-disable` line at the top of the
 * node's SQL, or a DESCRIPTION line for findings outside node SQL.
 */
export function suppressionFix(file: FileFacts, ruleId: string, span: Span): QuickFix {
  const node = file.parsed.nodes.find((n) => n.command && span.start >= n.span.start && span.start <= n.span.end);
  const lines = node?.sql?.command.block?.lines;
  const directive = `${DIRECTIVE} ${ruleId}`;
  let edit: Edit;
  if (node?.sql && lines?.length) {
    const text = file.parsed.text;
    const first = { start: lines.start(0), end: lines.end(0) };
    const indent = /^[ \t]*/.exec(text.slice(first.start, first.end))![0];
    edit = node.sql.templated
      ? { span: { start: first.end, end: first.end }, newText: `\n${indent}-- ${directive}` }
      : { span: { start: first.start, end: first.start }, newText: `${indent}-- ${directive}\n` };
  } else {
    edit = appendToDescription(file, node, directive);
  }
  const where = node ? `node '${node.name}'` : 'this file';
  return { title: `Disable ${ruleId} for ${where}`, edits: [edit] };
}
