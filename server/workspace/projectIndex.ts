// One project's files of the workspace index as an index of their own: what `tb-datafiles run` and
// `test run` index from disk, here with the editor's unsaved texts. Runs change it freely (pipe tests
// add a query file) without touching the language server's index.
import { WorkspaceIndex } from './index';
import { isInside } from './projectRoot';

export function projectIndex(workspace: WorkspaceIndex, root: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of workspace.all()) {
    const text = workspace.text(file.path);
    if (text !== undefined && isInside(file.path, root)) index.update(file.path, text);
  }
  return index;
}
