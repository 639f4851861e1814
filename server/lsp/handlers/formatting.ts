// Document formatting and the client's formatText request (built-in formatter or the user's tb fmt).
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { formatWithSettings, replaceAllEdits, type FormatResult, type FormatSettings } from '../../format/index';
import { Requests } from '../../protocol';
import type { ServerContext } from '../context';

export function registerFormatting(ctx: ServerContext): void {
  const { connection, documents, session } = ctx;

  async function formatText(text: string, fileName: string): Promise<FormatResult> {
    const settings: FormatSettings = ctx.client.pullConfiguration ? ((await connection.workspace.getConfiguration('tinybird.format')) ?? {}) : {};
    return formatWithSettings(text, fileName, settings, session.workspaceFolders);
  }

  connection.onDocumentFormatting(async ({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    const file = session.pathOf(textDocument.uri);
    if (!document || !file) return [];
    const text = document.getText();
    const result = await formatText(text, file);
    if (!result.ok) {
      void connection.window.showWarningMessage(`Not formatted: ${result.error}`);
      return [];
    }
    return replaceAllEdits(text, result.text);
  });

  connection.onRequest(Requests.formatText, async ({ text, fileName }: { text: string; fileName: string }) => {
    const result = await formatText(text, fileName);
    if (!result.ok) return new ResponseError(ErrorCodes.InvalidParams, result.error);
    return { text: result.text };
  });
}
