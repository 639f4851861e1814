// The parameters form as a webview panel: resolves with the checked values when submitted, undefined
// when cancelled or closed. Invalid values are sent back to the page and the form stays open.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TemplateParameter } from '../../server/protocol';
import { checkForm, paramsFormHtml, type FormMessage } from '../tinybird/paramsForm';

/** The form on screen: what it shows, and the path its page's messages take (the e2e suite submits through it). */
export interface OpenParamsForm {
  pipe: string;
  params: TemplateParameter[];
  values: Record<string, string>;
  handle(message: FormMessage): Promise<void>;
}

export class ParamsForms {
  /** The form currently open, if any. */
  current: OpenParamsForm | undefined;

  ask(pipe: string, params: TemplateParameter[], values: Record<string, string>, action: string): Promise<Record<string, string> | undefined> {
    const panel = vscode.window.createWebviewPanel('tinybird.params', `${pipe} · parameters`, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    panel.webview.html = paramsFormHtml(pipe, params, values, action, randomBytes(16).toString('base64'), panel.webview.cspSource);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Record<string, string> | undefined) => {
        if (settled) return;
        settled = true;
        if (this.current === form) this.current = undefined;
        resolve(result);
        panel.dispose();
      };
      const form: OpenParamsForm = {
        pipe,
        params,
        values,
        handle: async (message) => {
          if (message.type === 'cancel') return finish(undefined);
          const checked = checkForm(params, message.values);
          if ('errors' in checked) await panel.webview.postMessage({ errors: checked.errors });
          else finish(checked.values);
        },
      };
      this.current = form;
      panel.webview.onDidReceiveMessage((m: FormMessage) => void form.handle(m));
      panel.onDidDispose(() => finish(undefined));
    });
  }
}
