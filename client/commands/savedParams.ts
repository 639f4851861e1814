// Tells the language server the parameter values remembered per pipe, so the embedded ClickHouse
// analyses each node with them as well as in test mode: every pipe's at start, then each save.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type SavedParams } from '../../server/protocol';
import { rememberedParams, scopeOfMemoryKey } from '../tinybird/params';
import type { ObservedMemory } from './observedMemory';

export function shareSavedParams(client: LanguageClient, memory: ObservedMemory): vscode.Disposable {
  const send = (key: string) => {
    const pipe = scopeOfMemoryKey(key);
    if (pipe !== undefined) void client.sendNotification(Notifications.savedParams, { pipe, values: rememberedParams(memory, pipe) } satisfies SavedParams);
  };
  for (const key of memory.keys()) send(key);
  return memory.onDidUpdate(send);
}
