// Pushing one `.datasource` (reference §6.2). A new one is created in one form POST. An existing one (force)
// is first compared with the remote (description, schema, TTL, indexes, as tb does): equal means "unchanged"
// and nothing is sent; otherwise tb's alter flow with only the changed fields: a dry run, its operations shown
// in a modal naming the environment and datasource, the real alter only on confirmation, then the connector
// settings through `PUT /v0/datasources/<name>`. Engine and sorting key changes cannot be altered: the user is
// told so and offered a (confirmed) recreate or the versioned migration.
import type { Params, TinybirdApi } from './api';
import { CancelledError, TinybirdApiError, UserError } from './errors';
import { grantTokens } from './grants';
import type { AlterResult, ApiDatasource } from './schemas';
import type { DatasourceDefinition, EngineDefinition } from './serverApi';
import type { Ui } from './ui';

export const ALTER_ACTION = 'Apply changes';
export const RECREATE_ACTION = 'Drop and recreate (deletes all rows)';

/** What happened to a datasource; `unchanged` means it already matched the file and nothing was sent. */
export type DatasourceStatus = 'created' | 'updated' | 'recreated' | 'unchanged';

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

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').replace(/\s*,\s*/g, ',').trim();
const key = (s: string | null | undefined) => squash(s).replace(/^\((.*)\)$/, '$1');
const remoteIndexes = (remote: ApiDatasource) => (remote.indexes ?? []).map((i) => `${i.name} ${i.expr} TYPE ${i.type} GRANULARITY ${i.granularity}`).join('\n');

/** Form body of `POST /v0/datasources/<name>/alter`: only what differs from the remote; empty when nothing does. */
export function alterForm(def: DatasourceDefinition, remote: ApiDatasource): Params {
  const form: Params = {};
  if ((def.description ?? '') !== (remote.description ?? '')) form.description = def.description;
  if (remote.schema?.sql_schema === undefined || squash(def.schema) !== squash(remote.schema.sql_schema)) form.schema = def.schema;
  if (squash(def.ttl) !== squash(remote.engine?.ttl)) form.ttl = def.ttl ?? '';
  if (remote.indexes !== undefined && remote.indexes !== null ? squash(def.indexes) !== squash(remoteIndexes(remote)) : Boolean(def.indexes)) form.indexes = def.indexes;
  return form;
}

/** The engine settings alter cannot change, as "what: remote → file" lines; empty when they match or the API does not say. */
export function unalterable(def: DatasourceDefinition, remote: ApiDatasource): string[] {
  const out: string[] = [];
  const localEngine = def.engine?.type ?? 'MergeTree';
  const remoteEngine = remote.engine?.engine;
  if (remoteEngine && remoteEngine.toLowerCase() !== localEngine.toLowerCase()) out.push(`engine: ${remoteEngine} → ${localEngine}`);
  const localKey = def.engine?.args.sorting_key;
  const remoteKey = remote.engine?.sorting_key;
  if (localKey !== undefined && remoteKey !== undefined && remoteKey !== null && key(localKey) !== key(remoteKey)) out.push(`sorting key: ${remoteKey} → ${localKey}`);
  return out;
}

function describeAlter(dry: AlterResult): string {
  const lines = ['Operations (from a dry run):', ...dry.operations.map((op) => `• ${op}`)];
  if (dry.dependencies.length) lines.push(`Pipes that depend on it: ${dry.dependencies.join(', ')}`);
  return lines.join('\n');
}

/** The API's answer to an alter that changes nothing (a 400), in case a remote detail was not comparable. */
function isNothingToDo(err: unknown): boolean {
  return err instanceof TinybirdApiError && err.status === 400 && /no operations to perform/i.test(err.apiMessage ?? '');
}

/** The dry run, then the real alter once the user confirms its operations. Dismissing cancels the push. */
async function alter(api: TinybirdApi, ui: Ui, def: DatasourceDefinition, form: Params, production: boolean, signal: AbortSignal): Promise<boolean> {
  let dry: AlterResult;
  try {
    dry = await api.alterDatasource(def.name, form, true, signal);
  } catch (err) {
    if (isNothingToDo(err)) return false;
    throw err;
  }
  if (dry.operations.length) {
    const question = `Alter the datasource ${def.name} on ${api.environment}? ${dry.operations.length} operation(s) will be applied.`;
    if ((await ui.confirm(question, describeAlter(dry), [ALTER_ACTION], production)) !== ALTER_ACTION) throw new CancelledError();
  }
  await api.alterDatasource(def.name, form, false, signal);
  return true;
}

/** Engine or sorting key changes: said plainly, with the two ways out; recreating is confirmed, twice on production. */
async function recreate(api: TinybirdApi, ui: Ui, def: DatasourceDefinition, changes: string[], production: boolean, signal: AbortSignal): Promise<void> {
  const what = `${def.name} on ${api.environment} cannot be altered to match the file: ${changes.join('; ')}.`;
  const ways = [
    `Ways out: drop and recreate it (all its rows are deleted; pipes reading it must be pushed again),`,
    `or add VERSION <n> to the file, push it as a new datasource ${def.name.replace(/__v\d+$/, '')}__v<n>, and fill it from the old one with a copy pipe.`,
  ].join(' ');
  if ((await ui.confirm(what, ways, [RECREATE_ACTION], production)) !== RECREATE_ACTION) throw new UserError(`${what} ${ways}`);
  if (production) {
    const really = `Drop ${def.name} on ${api.environment}`;
    const ok = await ui.confirm(`Really drop the datasource ${def.name} on the production environment ${api.environment}?`, 'Its rows cannot be recovered.', [really], true);
    if (ok !== really) throw new CancelledError();
  }
  await api.dropDatasource(def.name, signal);
  await api.createDatasource(datasourceForm(def), signal);
}

export async function pushDatasource(
  api: TinybirdApi,
  ui: Ui,
  def: DatasourceDefinition,
  remote: ApiDatasource | null,
  production: boolean,
  signal: AbortSignal,
): Promise<DatasourceStatus> {
  let status: DatasourceStatus = 'created';
  if (remote) {
    const changes = unalterable(def, remote);
    if (changes.length) {
      await recreate(api, ui, def, changes, production, signal);
      status = 'recreated';
    } else {
      const form = alterForm(def, remote);
      const altered = Object.keys(form).length > 0 && (await alter(api, ui, def, form, production, signal));
      const settings = Object.keys(def.connector).length > 0;
      if (settings) await api.updateDatasource(def.name, def.connector, signal);
      status = altered || settings ? 'updated' : 'unchanged';
    }
  } else {
    await api.createDatasource(datasourceForm(def), signal);
  }
  await grantTokens(api, def.tokens, 'DATASOURCES', def.name, signal);
  return status;
}
