// Diagnostics of one file: the parser's syntax problems (tb check wording), as LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../parser/ast';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function syntaxDiagnostics(file: FileFacts): Diagnostic[] {
  return file.parsed.diagnostics.map((d) => ({
    range: toRange(file.parsed.lineStarts, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'tinybird',
    message: d.message,
  }));
}

export function diagnoseFile(_index: WorkspaceIndex, file: FileFacts): Diagnostic[] {
  return syntaxDiagnostics(file);
}
