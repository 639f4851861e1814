// The settings `tinybird.engine.*` and the engine client they allow; shared by the handlers that use
// the embedded ClickHouse (diagnostics as you type, Run Locally).
import { defaultEnginePath, EngineClient, type EngineClientOptions } from '../engine/client';
import { locateChdb } from '../engine/locate';
import type { ServerContext } from './context';

export interface EngineSettings {
  enabled: boolean;
  path: string;
}

export async function readEngineSettings(ctx: ServerContext): Promise<EngineSettings> {
  let raw: Partial<EngineSettings> | undefined;
  try {
    raw = ctx.client.pullConfiguration ? ((await ctx.connection.workspace.getConfiguration('tinybird.engine')) as Partial<EngineSettings> | undefined) : undefined;
  } catch {
    raw = undefined;
  }
  return { enabled: raw?.enabled !== false, path: typeof raw?.path === 'string' ? raw.path : '' };
}

export const ENGINE_MISSING = 'chDB is not installed: run "Tinybird: Install Local Engine" or set tinybird.engine.path.';

/** A (not yet started) engine client, or undefined when chDB cannot be found. */
export function engineClientFor(settings: EngineSettings, options: Pick<EngineClientOptions, 'onCrash'> = {}): EngineClient | undefined {
  const enginePath = defaultEnginePath();
  const location = locateChdb(enginePath, settings.path || undefined);
  if (!location) return undefined;
  const env = location.nodePath ? { ...process.env, NODE_PATH: location.nodePath } : process.env;
  return new EngineClient({ enginePath, env, ...options });
}
