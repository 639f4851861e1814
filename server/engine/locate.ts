// Where the engine's chDB comes from: node_modules next to dist/engine.js (a clone, the CLI), or the
// folder of the setting `tinybird.engine.path` (what "Tinybird: Install Local Engine" fills). Only
// resolved here, never loaded: the language server must not load chDB itself.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export interface EngineLocation {
  /** Extra module folder for the engine process (NODE_PATH), when chDB lives outside its node_modules. */
  nodePath?: string;
}

function resolvesFrom(file: string): boolean {
  try {
    createRequire(file).resolve('chdb');
    return true;
  } catch {
    return false;
  }
}

/** How the engine at `enginePath` finds chDB, or undefined when it cannot. */
export function locateChdb(enginePath: string, settingPath: string | undefined): EngineLocation | undefined {
  if (settingPath) {
    const modules = path.join(settingPath, 'node_modules');
    if (fs.existsSync(path.join(modules, 'chdb', 'package.json'))) return { nodePath: modules };
  }
  return resolvesFrom(enginePath) ? {} : undefined;
}
