// Benchmark workspaces: written to a temporary folder, and the 10× synthetic one (the corpus cloned
// ten times, every resource renamed per clone, `name` → `name__c3`, so each clone's lineage graph
// stays connected like the original).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resourceName } from '../server/workspace/facts';

export interface WorkspaceFile {
  /** Path relative to the workspace root. */
  path: string;
  text: string;
}

export function cloneWorkspace(files: WorkspaceFile[], copies: number): WorkspaceFile[] {
  const names = [...new Set(files.map((f) => resourceName(f.path)))].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`\\b(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'g');
  const out: WorkspaceFile[] = [];
  for (let c = 0; c < copies; c++) {
    for (const f of files) {
      const dir = path.dirname(f.path);
      const base = path.basename(f.path);
      const name = resourceName(f.path);
      out.push({
        path: path.join(`clone${c}`, dir, `${name}__c${c}${base.slice(name.length)}`),
        text: f.text.replace(pattern, `$1__c${c}`),
      });
    }
  }
  return out;
}

/** Writes the files under a new temporary folder and returns it. */
export function writeWorkspace(files: WorkspaceFile[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    fs.writeFileSync(path.join(root, f.path), f.text);
  }
  return root;
}
