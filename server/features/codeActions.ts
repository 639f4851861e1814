// Quick fixes for diagnostics: each rule's own fixes, plus a fix that silences the occurrence with a
// `tb-lint-disable` directive (kept by tb fmt, unlike `#` comments).
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { DEFAULT_CONFIG, type DiagnosticsConfig } from '../diagnostics/config';
import { ruleContext, runRules, toDiagnostic } from '../diagnostics/index';
import type { Edit, QuickFix } from '../diagnostics/rule';
import { suppressionFix } from '../diagnostics/support/suppress';
import { offsetAt } from '../parser/lines';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export function toTextEdits(file: FileFacts, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(file.parsed.lineStarts, e.span), newText: e.newText }));
}

/** Code actions for the findings that overlap `range`. */
export function codeActions(
  index: WorkspaceIndex,
  file: FileFacts,
  uri: string,
  range: Range,
  config: DiagnosticsConfig = DEFAULT_CONFIG,
): CodeAction[] {
  const { lineStarts, text } = file.parsed;
  const start = offsetAt(lineStarts, text.length, range.start);
  const end = offsetAt(lineStarts, text.length, range.end);
  const ctx = ruleContext(index, file, config);
  const actions: CodeAction[] = [];
  for (const found of runRules(index, file, config)) {
    const { span } = found.finding;
    if (span.end < start || span.start > end) continue;
    const diagnostic = toDiagnostic(file, found);
    const fixes: QuickFix[] = [...(found.rule.fix?.(ctx, found.finding) ?? []), suppressionFix(file, found.rule.id, span)];
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: toTextEdits(file, fix.edits) } },
      });
    }
  }
  return actions;
}
