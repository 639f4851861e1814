// Starts the real engine (dist/engine.js, chDB in a child process) for integration tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineClient, type EngineClientOptions } from '../../server/engine/client';
import { REPO_ROOT } from './corpus';

export const ENGINE_JS = path.join(REPO_ROOT, 'dist/engine.js');

export function testEngine(options: EngineClientOptions = {}): EngineClient {
  if (!fs.existsSync(ENGINE_JS)) throw new Error(`${ENGINE_JS} is missing: run \`npm run build\` first`);
  return new EngineClient({ enginePath: ENGINE_JS, ...options });
}
