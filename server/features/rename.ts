// Rename datasources, pipes and nodes across the workspace. A resource's name is its file name, so
// renaming one renames the file too (a RenameFile operation after the text edits) and every FROM/JOIN,
// DATASOURCE and TARGET_DATASOURCE naming it, in `.incl` files as well. `prepareRename` refuses what
// cannot be renamed safely and says why.
import * as path from 'node:path';
import {
  ErrorCodes,
  ResponseError,
  type Range,
  type RenameFile,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import type { FeatureContext } from './context';
import { occurrencesOf } from './references';
import { visibleNodes } from './sqlColumns';
import { symbolAt, type Target } from './symbolAt';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface RenameOptions {
  /** Whether the client applies RenameFile operations (workspace.workspaceEdit.resourceOperations). */
  canRenameFiles: boolean;
}

const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidRequest, message);

/** What would be renamed, or a ResponseError saying why not. */
function renameTarget(ctx: FeatureContext, file: FileFacts, offset: number, options: RenameOptions): { target: Target; range: Range; name: string } | ResponseError<void> {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') return refuse('Only datasources, pipes and nodes can be renamed.');
  const { target } = symbol;
  const range = toRange(file.parsed.lineStarts, symbol.span);
  switch (target.kind) {
    case 'column':
      return refuse(`Renaming column "${target.name}" would need a data migration of ${target.datasource}; it is not supported.`);
    case 'include':
      return refuse('Included files cannot be renamed from here.');
    case 'node':
      return { target, range, name: target.name };
    case 'resource': {
      const defs = ctx.index.definitions(target.name);
      if (!defs.length) return refuse(`"${target.name}" is not defined in this workspace.`);
      if (defs.length > 1) return refuse(`"${target.name}" is defined by ${defs.length} files; resolve the conflict first.`);
      if (!options.canRenameFiles) return refuse(`Renaming "${target.name}" renames its file, and this editor does not support renaming files.`);
      return { target, range, name: target.name };
    }
  }
}

export function prepareRename(ctx: FeatureContext, file: FileFacts, offset: number, options: RenameOptions): { range: Range; placeholder: string } {
  const found = renameTarget(ctx, file, offset, options);
  if (found instanceof ResponseError) throw found;
  return { range: found.range, placeholder: found.name };
}

export function rename(ctx: FeatureContext, file: FileFacts, offset: number, newName: string, options: RenameOptions): WorkspaceEdit {
  const found = renameTarget(ctx, file, offset, options);
  if (found instanceof ResponseError) throw found;
  const { target } = found;
  if (!VALID_NAME.test(newName)) throw refuse(`"${newName}" is not a valid name (letters, digits and _, not starting with a digit).`);
  if (newName === found.name) return {};
  const clash = nameClash(ctx, file, target, newName);
  if (clash) throw refuse(clash);
  const changes: (TextDocumentEdit | RenameFile)[] = [];
  for (const { file: f, occurrences } of occurrencesOf(ctx.index, target)) {
    const edits: TextEdit[] = occurrences.map((o) => ({ range: toRange(f.parsed.lineStarts, o.span), newText: newName }));
    changes.push({ textDocument: { uri: ctx.uriOf(f.path), version: null }, edits });
  }
  if (target.kind === 'resource') {
    const def = ctx.index.definitions(target.name)[0];
    const base = path.basename(def.path);
    const renamed = path.join(path.dirname(def.path), newName + base.slice(base.indexOf('.')));
    changes.push({ kind: 'rename', oldUri: ctx.uriOf(def.path), newUri: ctx.uriOf(renamed) });
  }
  return { documentChanges: changes };
}

function nameClash(ctx: FeatureContext, file: FileFacts, target: Target, newName: string): string | undefined {
  if (target.kind === 'resource' && ctx.index.definitions(newName).length) return `A resource named "${newName}" already exists.`;
  if (target.kind === 'node') {
    const owner = ctx.index.get(target.path) ?? file;
    if (visibleNodes(ctx.index, owner).has(newName) || visibleNodes(ctx.index, file).has(newName)) return `A node named "${newName}" already exists in this pipe.`;
    if (ctx.index.resolve(newName)) return `"${newName}" names a datasource or pipe; a node of that name would shadow it in FROM/JOIN.`;
  }
  return undefined;
}
