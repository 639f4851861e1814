// Rename datasources, pipes, nodes, SCHEMA columns (see renameColumn) and template parameters (see
// renameParameter) across the workspace, test files included (see renameTestFiles). A resource's name is its file name, so
// renaming one renames the file too (a RenameFile operation after the text edits) and every FROM/JOIN,
// DATASOURCE and TARGET_DATASOURCE naming it, in `.incl` files as well, and the `VAR=value` arguments
// of INCLUDE lines whose variable gives the whole name. `prepareRename` refuses what cannot be renamed
// safely (a name only partly built from an INCLUDE variable among them) and says why. A datasource's
// fixtures (`fixtures/<name>.ndjson|.csv`) are renamed with it. Table names qualifying columns
// (`events.id`, `events.*`) are references too (see semantic/symbols).
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
import { variableAt } from '../semantic/includes';
import { candidateFiles, occurrencesOf } from '../semantic/occurrences';
import { variableNames, visibleNodes } from '../semantic/model';
import { queryOccurrences, readTarget, symbolAt, targetKey, type Target } from '../semantic/symbols';
import { FIXTURE_FORMATS } from '../workspace/fixtureFiles';
import { computeLineStarts } from '../parser/lines';
import { columnEdits, columnRefusal, renamesWith } from './renameColumn';
import { parameterClash, parameterRefusal } from './renameParameter';
import { testFileEdits, type QueryRename, type TestFileChange, type TestFileText } from './renameTestFiles';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface RenameOptions {
  /** Whether the client applies RenameFile operations (workspace.workspaceEdit.resourceOperations). */
  canRenameFiles: boolean;
  /** Whether a file exists (to find a datasource's fixtures, which are not datafiles). */
  exists(file: string): boolean;
  /** The workspace's pipe test files (not datafiles, so not in the index). */
  testFiles(): TestFileText[];
}

/** `fixtures/<name>.ndjson|.csv` next to a datasource file or in its project (the parent of datasources/). */
function fixturesOf(datasourcePath: string, name: string, exists: (file: string) => boolean): string[] {
  const dir = path.dirname(datasourcePath);
  const folders = [path.join(dir, 'fixtures'), path.join(path.dirname(dir), 'fixtures')];
  return folders.flatMap((folder) => FIXTURE_FORMATS.map((format) => path.join(folder, `${name}.${format}`))).filter((file) => exists(file));
}

const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidRequest, message);

/** What would be renamed, or a ResponseError saying why not. */
function renameTarget(ctx: FeatureContext, file: FileFacts, offset: number, options: RenameOptions): { target: Target; range: Range; name: string } | ResponseError<void> {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') {
    return refuse(variableRefusal(ctx, file, offset) ?? 'Nothing to rename here: only names resolving to a datasource, pipe, node, SCHEMA column or template parameter can be renamed.');
  }
  const { target } = symbol;
  const range = toRange(file.parsed.lineStarts, symbol.span);
  switch (target.kind) {
    case 'column': {
      const reason = columnRefusal(ctx.index, target);
      return reason ? refuse(reason) : { target, range, name: target.name };
    }
    case 'parameter': {
      const reason = parameterRefusal(ctx.index, target);
      return reason ? refuse(reason) : { target, range, name: target.name };
    }
    case 'derived':
      return refuse(`"${target.column.name}" is computed in this node's SQL; edit its alias in the query.`);
    case 'include':
      return refuse('Included files cannot be renamed from here.');
    case 'node': {
      const conflict = variableConflict(ctx, target);
      return conflict ? refuse(conflict) : { target, range, name: target.name };
    }
    case 'resource': {
      const defs = ctx.index.definitions(target.name);
      if (!defs.length) return refuse(`"${target.name}" is not defined in this workspace.`);
      if (defs.length > 1) return refuse(`"${target.name}" is defined by ${defs.length} files; resolve the conflict first.`);
      if (!options.canRenameFiles) return refuse(`Renaming "${target.name}" renames its file, and this editor does not support renaming files.`);
      const conflict = variableConflict(ctx, target);
      return conflict ? refuse(conflict) : { target, range, name: target.name };
    }
  }
}

/** Why a `$VAR` of an `.incl`, or an INCLUDE argument only partly naming something, is not renamed. */
function variableRefusal(ctx: FeatureContext, file: FileFacts, offset: number): string | undefined {
  const variable = variableAt(file, offset);
  if (variable) return `"${variable}" is an INCLUDE variable: rename what it names where an INCLUDE line sets ${variable}=….`;
  const part = variableNames(ctx.index, file).find((v) => v.valueSpan.start <= offset && offset <= v.valueSpan.end);
  return part && `The value of ${part.variable} only builds part of "${part.name}" (in ${path.basename(part.part.includePath)}); it cannot be renamed as a name.`;
}

/** Why renaming a target would break a name built from an INCLUDE variable, if it would. */
function variableConflict(ctx: FeatureContext, target: Target): string | undefined {
  const key = targetKey(target);
  for (const file of candidateFiles(ctx.index, target)) {
    const names = variableNames(ctx.index, file);
    if (!names.length) continue;
    const nodes = visibleNodes(ctx.index, file);
    for (const v of names) {
      if (targetKey(readTarget(nodes, v.name, v.reader)) !== key) continue;
      const where = `INCLUDE variable ${v.variable} (${path.basename(v.part.includePath)}, included by ${path.basename(file.path)})`;
      if (!v.whole) return `"${v.name}" is built in part from the ${where}; renaming cannot rewrite it.`;
      const other = names.find((o) => o.part === v.part && o.variable === v.variable && !o.whole);
      if (other) return `The ${where} also builds "${other.name}"; renaming "${v.name}" through it would change that name too.`;
    }
  }
  return undefined;
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
  const spanEdits = target.kind === 'column' ? columnEdits(ctx.index, target, newName) : occurrencesOf(ctx.index, target).flatMap(({ file: f, occurrences }) => occurrences.map((o) => ({ file: f, span: o.span, newText: newName })));
  if (typeof spanEdits === 'string') throw refuse(spanEdits);
  for (const f of new Set(spanEdits.map((e) => e.file))) {
    const edits: TextEdit[] = spanEdits.filter((e) => e.file === f).map((e) => ({ range: toRange(f.parsed.lineStarts, e.span), newText: e.newText }));
    changes.push({ textDocument: { uri: ctx.uriOf(f.path), version: null }, edits });
  }
  if (target.kind === 'resource') {
    const def = ctx.index.definitions(target.name)[0];
    const base = path.basename(def.path);
    const renamed = path.join(path.dirname(def.path), newName + base.slice(base.indexOf('.')));
    changes.push({ kind: 'rename', oldUri: ctx.uriOf(def.path), newUri: ctx.uriOf(renamed) });
    if (def.role === 'datasource') {
      for (const fixture of fixturesOf(def.path, target.name, options.exists)) {
        const renamedFixture = path.join(path.dirname(fixture), newName + path.extname(fixture));
        changes.push({ kind: 'rename', oldUri: ctx.uriOf(fixture), newUri: ctx.uriOf(renamedFixture) });
      }
    }
    changes.push(...testFileChanges(ctx, options, { kind: 'resource', from: target.name, to: newName, sql: queryRename(ctx, target, newName) }, def.role === 'pipe'));
  }
  if (target.kind === 'column') changes.push(...testFileChanges(ctx, options, { kind: 'column', sql: queryRename(ctx, target, newName) }, false));
  if (target.kind === 'parameter') {
    const pipe = ctx.index.get(target.path)!;
    changes.push(...testFileChanges(ctx, options, { kind: 'parameter', pipe: pipe.name, from: target.name, to: newName }, false));
  }
  return { documentChanges: changes };
}

/** The edits renaming a resource or column in a query outside datafiles. */
function queryRename(ctx: FeatureContext, target: Target, newName: string): QueryRename {
  const key = targetKey(target);
  const renamed = target.kind === 'column' ? renamesWith(target) : (o: { target: Target }) => targetKey(o.target) === key;
  return (sql) => queryOccurrences(ctx.index, sql).flatMap((o) => (renamed(o) ? [{ span: o.span, newText: newName }] : []));
}

/** The test files' edits, then their renames (a Forward-style `tests/<pipe>.yaml` follows its pipe). */
function testFileChanges(ctx: FeatureContext, options: RenameOptions, change: TestFileChange, renameFiles: boolean): (TextDocumentEdit | RenameFile)[] {
  const { edits, renames } = testFileEdits(options.testFiles(), change);
  const out: (TextDocumentEdit | RenameFile)[] = [];
  for (const file of new Set(edits.map((e) => e.path))) {
    const mine = edits.filter((e) => e.path === file);
    const lineStarts = computeLineStarts(mine[0].text);
    out.push({ textDocument: { uri: ctx.uriOf(file), version: null }, edits: mine.map((e) => ({ range: toRange(lineStarts, e.span), newText: e.newText })) });
  }
  if (renameFiles) for (const r of renames) out.push({ kind: 'rename', oldUri: ctx.uriOf(r.from), newUri: ctx.uriOf(r.to) });
  return out;
}

function nameClash(ctx: FeatureContext, file: FileFacts, target: Target, newName: string): string | undefined {
  if (target.kind === 'resource' && ctx.index.definitions(newName).length) return `A resource named "${newName}" already exists.`;
  if (target.kind === 'node') {
    const owner = ctx.index.get(target.path) ?? file;
    if (visibleNodes(ctx.index, owner).has(newName) || visibleNodes(ctx.index, file).has(newName)) return `A node named "${newName}" already exists in this pipe.`;
    if (ctx.index.resolve(newName)) return `"${newName}" names a datasource or pipe; a node of that name would shadow it in FROM/JOIN.`;
  }
  if (target.kind === 'parameter') return parameterClash(ctx.index, target, newName);
  return undefined;
}
