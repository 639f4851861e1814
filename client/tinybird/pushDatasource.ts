// Pushing one `.datasource` (reference §6.2). A new one is created in one form POST. An existing one (force)
// gets tb's alter flow: a dry run, its operations shown in a modal naming the environment and datasource,
// the real alter only on confirmation, then the connector settings through `PUT /v0/datasources/<name>`.
import type { Params, TinybirdApi } from './api';
import { CancelledError } from './errors';
import { grantTokens } from './grants';
import type { AlterResult } from './schemas';
import type { DatasourceDefinition, EngineDefinition } from './serverApi';
import type { Ui } from './ui';

export const ALTER_ACTION = 'Apply changes';

/** What happened to a datasource; `unchanged` means the dry run listed no operations and there was nothing else to send. */
export type DatasourceStatus = 'created' | 'overwritten' | 'unchanged';

export function engineFields(engine: EngineDefinition | undefined): Params {
  if (!engine) return {};
  return Object.fromEntries([['engine', engine.type], ...Object.entries(engine.args).map(([k, v]) => [`engine_${k}`, v])]);
}

/** Form body of `POST /v0/datasources` for a new datasource. */
export function datasourceForm(def: DatasourceDefinition): Params {
  return {
    name: def.name,
    description: def.description,
    schema: def.schema,
    ...(def.indexes ? { indexes: def.indexes } : {}),
    format: def.format,
    ...engineFields(def.engine),
    ...def.connector,
    ...def.tags,
  };
}

/** Form body of `POST /v0/datasources/<name>/alter` (the CLI's `--force` path). */
export function alterForm(def: DatasourceDefinition): Params {
  return {
    schema: def.schema,
    ...(def.description ? { description: def.description } : {}),
    ...(def.ttl ? { ttl: def.ttl } : {}),
    ...(def.indexes ? { indexes: def.indexes } : {}),
  };
}

function describeAlter(dry: AlterResult): string {
  const lines = ['Operations (from a dry run):', ...dry.operations.map((op) => `• ${op}`)];
  if (dry.dependencies.length) lines.push(`Pipes that depend on it: ${dry.dependencies.join(', ')}`);
  return lines.join('\n');
}

/** The dry run, then the real alter once the user confirms its operations. Dismissing cancels the push. */
async function alter(api: TinybirdApi, ui: Ui, def: DatasourceDefinition, signal: AbortSignal): Promise<boolean> {
  const form = alterForm(def);
  const dry = await api.alterDatasource(def.name, form, true, signal);
  if (!dry.operations.length) return false;
  const question = `Alter the datasource ${def.name} on ${api.environment}? ${dry.operations.length} operation(s) will be applied.`;
  if ((await ui.confirm(question, describeAlter(dry), [ALTER_ACTION])) !== ALTER_ACTION) throw new CancelledError();
  await api.alterDatasource(def.name, form, false, signal);
  return true;
}

export async function pushDatasource(api: TinybirdApi, ui: Ui, def: DatasourceDefinition, exists: boolean, signal: AbortSignal): Promise<DatasourceStatus> {
  let status: DatasourceStatus = 'created';
  if (exists) {
    const altered = await alter(api, ui, def, signal);
    const settings = Object.keys(def.connector).length > 0;
    if (settings) await api.updateDatasource(def.name, def.connector, signal);
    status = altered || settings ? 'overwritten' : 'unchanged';
  } else {
    await api.createDatasource(datasourceForm(def), signal);
  }
  await grantTokens(api, def.tokens, 'DATASOURCES', def.name, signal);
  return status;
}
