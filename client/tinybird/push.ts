// Push: builds the classic `tb push` requests (reference §6.2, §6.3) from the server's push definitions and
// sends them in order, stopping at the first failure. Existing resources are only overwritten with "force",
// and writes to a production environment need a modal confirmation naming it and the resources.
// Datasources are pushed by pushDatasource.ts (with the alter confirmation); pipes here.
import type { ProjectResource } from '../../server/protocol';
import type { Params, TinybirdApi } from './api';
import { CancelledError, UserError } from './errors';
import { grantTokens } from './grants';
import { DatasourceStatus, engineFields, pushDatasource } from './pushDatasource';
import type { ApiDatasource, ApiPipe } from './schemas';
import type { PipeDefinition, PipeNodeDefinition, PushDefinition, TinybirdServer } from './serverApi';
import type { Session } from './session';
import type { Ui } from './ui';

export const FORCE_ACTION = 'Overwrite (force)';
export const SKIP_ACTION = 'Skip existing';

export type PushStatus = DatasourceStatus | 'skipped';

export interface PushReport {
  environment: string;
  done: Array<{ name: string; status: PushStatus }>;
  failed?: { name: string; message: string };
  /** Not attempted because of a failure or a cancel. */
  notPushed: string[];
  cancelled: boolean;
}

function nodeBody(node: PipeNodeDefinition): Record<string, unknown> {
  return {
    name: node.name,
    sql: node.sql,
    type: node.type,
    ...(node.description ? { description: node.description } : {}),
    ...(node.datasource ? { datasource: node.datasource } : {}),
    ...engineFields(node.engine),
    ...(node.type === 'copy' ? { target_datasource: node.targetDatasource, copy_schedule: node.copySchedule ?? '@on-demand', mode: node.copyMode ?? 'append' } : {}),
  };
}

function copyNodeOf(def: PipeDefinition): PipeNodeDefinition | undefined {
  return def.nodes.find((n) => n.type === 'copy');
}

/** JSON body of `POST /v0/pipes`: the whole pipe in one request. */
export function pipeBody(def: PipeDefinition): Record<string, unknown> {
  const copy = copyNodeOf(def);
  return {
    name: def.name,
    description: def.description,
    nodes: def.nodes.map(nodeBody),
    ...(copy ? { target_datasource: copy.targetDatasource, schedule_cron: null } : {}),
    ...def.exportParams,
  };
}

async function configureCopy(api: TinybirdApi, pipe: ApiPipe, node: PipeNodeDefinition, signal: AbortSignal) {
  const created = pipe.nodes.find((n) => n.name === node.name) ?? pipe.nodes.find((n) => n.node_type === 'copy');
  if (!created) throw new UserError(`The API did not return the copy node ${node.name} of ${pipe.name}.`);
  const fields: Params = { mode: node.copyMode ?? 'append' };
  const schedule = node.copySchedule && node.copySchedule.toLowerCase() !== '@on-demand' ? node.copySchedule : undefined;
  if (schedule) fields.schedule_cron = schedule;
  else if (pipe.schedule?.cron) fields.schedule_cron = 'None';
  if (node.targetDatasource) {
    const target = await api.getDatasource(node.targetDatasource, signal);
    if (target?.id !== pipe.copy_target_datasource) fields.target_datasource = node.targetDatasource;
  }
  await api.updateCopy(pipe.id, created.id, fields, signal);
}

async function pushPipe(api: TinybirdApi, def: PipeDefinition, exists: boolean, signal: AbortSignal): Promise<PushStatus> {
  const pipe = await api.createPipe(pipeBody(def), exists, signal);
  const copy = copyNodeOf(def);
  const exported = def.nodes.some((n) => n.type === 'sink' || n.type === 'stream');
  const published = pipe.type === 'default' && !copy && !exported;
  if (published) {
    const explicit = def.nodes.find((n) => n.type === 'endpoint');
    const node = (explicit && pipe.nodes.find((n) => n.name === explicit.name)) ?? pipe.nodes[pipe.nodes.length - 1];
    if (!node) throw new UserError(`The API returned no nodes for ${def.name}.`);
    await api.publishEndpoint(def.name, node.id, signal);
  }
  if (copy) await configureCopy(api, pipe, copy, signal);
  if (published || copy) await grantTokens(api, def.tokens, 'PIPES', def.name, signal);
  return exists ? 'updated' : 'created';
}

/** The remote resource, or null when it does not exist. */
function remoteOf(api: TinybirdApi, def: PushDefinition, signal: AbortSignal): Promise<ApiDatasource | ApiPipe | null> {
  return def.kind === 'pipe' ? api.getPipe(def.name, signal) : api.getDatasource(def.name, signal);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Pushes `resources` (already in push order) to the session's environment. */
export async function pushResources(server: TinybirdServer, ui: Ui, session: Session, resources: ProjectResource[]): Promise<PushReport> {
  const { env, api } = session;
  const report: PushReport = { environment: env.name, done: [], notPushed: resources.map((r) => r.name), cancelled: false };
  if (!resources.length) return report;

  const checked = await ui.withProgress(`Tinybird: checking ${resources.length} resource(s) on ${env.name}`, async (p) => {
    const out: Array<{ def: PushDefinition; remote: ApiDatasource | ApiPipe | null; exists: boolean }> = [];
    for (const r of resources) {
      let def: PushDefinition;
      try {
        def = await server.pushDefinition(r.uri);
      } catch (err) {
        throw new UserError(`Cannot read ${r.name} (${r.uri}): ${message(err)}`);
      }
      const remote = await remoteOf(api, def, p.signal);
      out.push({ def, remote, exists: remote !== null });
    }
    return out;
  });

  const existing = checked.filter((c) => c.exists).map((c) => c.def.name);
  let force = false;
  if (existing.length) {
    const choice = await ui.confirm(
      `${existing.length} resource(s) already exist on ${env.name}: ${existing.join(', ')}.`,
      'Overwriting replaces their definitions (as tb push --force). Skipping pushes only the new ones.',
      [FORCE_ACTION, SKIP_ACTION],
    );
    if (!choice) return { ...report, cancelled: true };
    force = choice === FORCE_ACTION;
  }
  const toWrite = checked.filter((c) => force || !c.exists);
  if (env.production && toWrite.length) {
    const action = `Push to ${env.name}`;
    const names = toWrite.map((c) => c.def.name).join(', ');
    const ok = await ui.confirm(`Write ${toWrite.length} resource(s) to the production environment ${env.name}?`, `Resources: ${names}`, [action]);
    if (ok !== action) return { ...report, cancelled: true };
  }

  let next = 0;
  await ui.withProgress(`Tinybird: pushing to ${env.name}`, async (p) => {
    for (; next < checked.length; next++) {
      const { def, remote, exists: there } = checked[next];
      if (p.signal.aborted) throw new CancelledError();
      p.report(`${def.name} (${next + 1}/${checked.length})`, 100 / checked.length);
      const status = there && !force ? 'skipped' : def.kind === 'pipe' ? await pushPipe(api, def, there, p.signal) : await pushDatasource(api, ui, def, remote as ApiDatasource | null, env.production, p.signal);
      report.done.push({ name: def.name, status });
    }
  }).catch((err: unknown) => {
    if (err instanceof CancelledError) report.cancelled = true;
    else report.failed = { name: checked[next].def.name, message: message(err) };
  });
  report.notPushed = checked.slice(report.failed ? next + 1 : next).map((c) => c.def.name);
  return report;
}

/** One line per outcome, for the result notification. */
export function summarize(report: PushReport): string {
  const parts: string[] = [];
  const groups: Array<[PushStatus, string]> = [['created', 'created'], ['updated', 'updated'], ['recreated', 'recreated'], ['unchanged', 'unchanged'], ['skipped', 'skipped']];
  for (const [status, label] of groups) {
    const names = report.done.filter((d) => d.status === status).map((d) => d.name);
    if (names.length) parts.push(`${label}: ${names.join(', ')}`);
  }
  if (report.failed) parts.push(`FAILED ${report.failed.name}: ${report.failed.message}`);
  if (report.notPushed.length) parts.push(`not pushed: ${report.notPushed.join(', ')}`);
  if (report.cancelled) parts.push('cancelled');
  return `Tinybird push to ${report.environment}: ${parts.join('; ') || 'nothing to push'}.`;
}
