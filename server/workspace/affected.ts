// Which files must be re-checked after one file changed: the definitions of every name it touched,
// the readers and writers of the names it defines or writes (a name it only reads changes nothing
// for that name's other readers), and, when the set of names changed, every file reading something
// undefined (unknown-reference draws its typo hints from that set).
import type { FileFacts } from './facts';
import type { WorkspaceIndex } from './index';

/** What other files' diagnostics can depend on: a file's own resource and the datasources it writes. */
function producedNames(facts: FileFacts | undefined): string[] {
  return facts ? [facts.name, ...facts.nodes.flatMap((n) => (n.target ? [n.target.name] : []))] : [];
}

/**
 * @param changed the path that was updated or removed
 * @param touched the names `index.update`/`index.remove` reported
 * @param before the file's facts before the change (undefined when it is new)
 */
export function affectedFiles(index: WorkspaceIndex, changed: string, touched: Set<string>, before: FileFacts | undefined): Set<string> {
  const produced = new Set([...producedNames(before), ...producedNames(index.get(changed))]);
  const out = new Set([changed]);
  for (const name of touched) {
    for (const def of index.definitions(name)) out.add(def.path);
    if (!produced.has(name)) continue;
    for (const r of index.readersOf(name)) out.add(r.file.path);
    for (const w of index.writersOf(name)) out.add(w.file.path);
  }
  if (resourceName(before) !== resourceName(index.get(changed))) for (const p of filesNamingUndefined(index)) out.add(p);
  return out;
}

/** The name a file adds to `index.names()`, if any. */
function resourceName(facts: FileFacts | undefined): string | undefined {
  return facts && facts.role !== 'include' ? facts.name : undefined;
}

/** Files (including what they include) that read a name no file defines. */
function filesNamingUndefined(index: WorkspaceIndex): string[] {
  const undefinedName = (name: string) => index.definitions(name).length === 0;
  return [...index.all()]
    .filter((file) =>
      [file, ...index.includedParts(file).map((p) => p.facts)].some(
        (f) => f.externalReads.some((r) => undefinedName(r.ref.name)),
      ),
    )
    .map((f) => f.path);
}
