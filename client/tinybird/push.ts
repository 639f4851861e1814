// Push: builds the classic `tb push` requests (reference §6.2, §6.3) from the server's push definitions and
// sends them in order. Before anything is sent, the server's diagnostics of the files are checked (preflight):
// errors block (a non-production push can go on anyway), missing-reference warnings are listed. Existing
// resources are only overwritten with "force"; writes to a production environment need a confirmation naming
// it and the resources, Cancel first. A failure stops the push unless the user chooses to continue past
// failures; resources downstream of a failed one are then skipped. Datasources are pushed by
// pushDatasource.ts; pipes here. The report says per resource what happened.
import type { ProjectResource } from '../../server/protocol';
import type { Params, TinybirdApi } from './api';
import { CancelledError, UserError } from './errors';
import { grantTokens } from './grants';
import { DatasourceStatus, engineFields, pushDatasource } from './pushDatasource';
import type { ApiDatasource, ApiPipe } from './schemas';
import type { PipeDefinition, PipeNodeDefinition, PushDefinition, PushDiagnostic, TinybirdServer } from './serverApi';
import type { Session } from './session';
import type { Progress, Ui } from './ui';

export const FORCE_ACTION = 'Overwrite (force)';
export const SKIP_ACTION = 'Skip existing';
export const PUSH_ANYWAY_ACTION = 'Push anyway';
export const CONTINUE_ACTION = 'Continue past failures';
/** Problems listed in a confirmation; the rest are counted. */
const LISTED = 10;

export type PushStatus = DatasourceStatus | 'skipped';

/** One line of the report, in push order. */
export interface PushOutcome {
  name: string;
  status: PushStatus | 'failed' | 'upstream-failed' | 'not-pushed';
  /** The API's error, the failed upstream, or why it was not pushed. */
  detail?: string;
}

export interface PushReport {
  environment: string;
  done: Array<{ name: string; status: PushStatus }>;
  /** The first failure. */
  failed?: { name: string; message: string };
  /** Every failure, in push order (more than one only when continuing past failures). */
  failures: Array<{ name: string; message: string }>;
  /** Not attempted because a resource they depend on failed or was itself skipped. */
  upstreamFailed: Array<{ name: string; upstream: string }>;
  /** Not attempted because the push stopped (a failure or a cancel). */
  notPushed: string[];
  cancelled: boolean;
  outcomes: PushOutcome[];
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

/** A failure after the pipe itself was written: the message says what now exists remotely. */
function partial(def: PipeDefinition, env: string, existed: boolean, missing: string, err: unknown): UserError {
  const state = existed ? 'was replaced' : 'was created';
  return new UserError(`${message(err)} The pipe ${def.name} ${state} on ${env} but ${missing}.`);
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
    await api.publishEndpoint(def.name, node.id, signal).catch((err: unknown) => {
      throw partial(def, api.environment, exists, `is not published as an endpoint (node ${node.name})`, err);
    });
  }
  if (copy)
    await configureCopy(api, pipe, copy, signal).catch((err: unknown) => {
      throw partial(def, api.environment, exists, `its copy settings (mode, schedule, target) were not applied`, err);
    });
  if (published || copy)
    await grantTokens(api, def.tokens, 'PIPES', def.name, signal).catch((err: unknown) => {
      throw partial(def, api.environment, exists, `its TOKEN scopes were not granted`, err);
    });
  return exists ? 'updated' : 'created';
}

/** The remote resource, or null when it does not exist. */
function remoteOf(api: TinybirdApi, def: PushDefinition, signal: AbortSignal): Promise<ApiDatasource | ApiPipe | null> {
  return def.kind === 'pipe' ? api.getPipe(def.name, signal) : api.getDatasource(def.name, signal);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function listed(lines: string[]): string {
  const more = lines.length > LISTED ? [`… and ${lines.length - LISTED} more`] : [];
  return [...lines.slice(0, LISTED), ...more].join('\n');
}

/** Errors block (production: always; otherwise unless "push anyway"); missing-reference warnings are shown to confirm. */
async function preflight(server: TinybirdServer, ui: Ui, session: Session, resources: ProjectResource[]): Promise<boolean> {
  const names = new Map(resources.map((r) => [r.uri, r.name]));
  const problems = await server.pushDiagnostics(resources.map((r) => r.uri));
  const line = (d: PushDiagnostic) => `${names.get(d.uri) ?? d.uri}:${d.line + 1}: ${d.message}`;
  const errors = problems.filter((d) => d.severity === 'error').map(line);
  const missing = problems.filter((d) => d.severity === 'warning' && d.code === 'unresolved-reference').map(line);
  const { env } = session;
  if (errors.length && env.production)
    throw new UserError(`Push to the production environment ${env.name} blocked: ${errors.length} error(s) in the files to push. Fix them first:\n${listed(errors)}`);
  if (!errors.length && !missing.length) return true;
  const question = errors.length
    ? `${errors.length} error(s) in the files to push to ${env.name}; they will probably fail or push broken resources.`
    : `${missing.length} reference(s) in the files to push to ${env.name} are not defined in the project; those resources fail unless the names exist on ${env.name}.`;
  const detail = [...(errors.length ? ['Errors:', listed(errors)] : []), ...(missing.length ? ['Missing references:', listed(missing)] : [])].join('\n');
  return (await ui.confirm(question, detail, [PUSH_ANYWAY_ACTION], env.production)) === PUSH_ANYWAY_ACTION;
}

export function emptyReport(environment: string): PushReport {
  return { environment, done: [], failures: [], upstreamFailed: [], notPushed: [], cancelled: false, outcomes: [] };
}

/** The resources (in the given order) that the environment does not have yet. */
export async function missingRemotely(server: TinybirdServer, api: TinybirdApi, resources: ProjectResource[], signal: AbortSignal): Promise<ProjectResource[]> {
  const out: ProjectResource[] = [];
  for (const r of resources) if ((await remoteOf(api, await server.pushDefinition(r.uri), signal)) === null) out.push(r);
  return out;
}

/** Pushes `resources` (already in push order) to the session's environment. With `progress`, reports in that notification
 * instead of opening its own. */
export async function pushResources(server: TinybirdServer, ui: Ui, session: Session, resources: ProjectResource[], progress?: Progress): Promise<PushReport> {
  const withProgress = <T>(title: string, task: (p: Progress) => Promise<T>): Promise<T> => (progress ? task(progress) : ui.withProgress(title, task));
  const { env, api } = session;
  const report: PushReport = { ...emptyReport(env.name), notPushed: resources.map((r) => r.name) };
  if (!resources.length) return report;
  if (!(await preflight(server, ui, session, resources))) return { ...report, cancelled: true };

  const checked = await withProgress(`Tinybird: checking ${resources.length} resource(s) on ${env.name}`, async (p) => {
    const out: Array<{ resource: ProjectResource; def: PushDefinition; remote: ApiDatasource | ApiPipe | null }> = [];
    for (const resource of resources) {
      let def: PushDefinition;
      try {
        def = await server.pushDefinition(resource.uri);
      } catch (err) {
        throw new UserError(`Cannot read ${resource.name} (${resource.uri}): ${message(err)}`);
      }
      out.push({ resource, def, remote: await remoteOf(api, def, p.signal) });
    }
    return out;
  });

  const existing = checked.filter((c) => c.remote).map((c) => c.def.name);
  let force = false;
  if (existing.length) {
    const choice = await ui.confirm(
      `${existing.length} resource(s) already exist on ${env.name}: ${existing.join(', ')}`,
      'Overwriting replaces their definitions (as tb push --force). Skipping pushes only the new ones.',
      [FORCE_ACTION, SKIP_ACTION],
    );
    if (!choice) return { ...report, cancelled: true };
    force = choice === FORCE_ACTION;
  }
  const toWrite = checked.filter((c) => force || !c.remote);
  if (env.production && toWrite.length) {
    const action = `Push to ${env.name}`;
    const names = toWrite.map((c) => c.def.name).join(', ');
    const ok = await ui.confirm(`Write ${toWrite.length} resource(s) to the production environment ${env.name}?`, `Resources: ${names}`, [action], true);
    if (ok !== action) return { ...report, cancelled: true };
  }

  let next = 0;
  let continuePast = false;
  /** Failed or skipped resources: whatever depends on them is skipped too. */
  const broken = new Set<string>();
  await withProgress(`Tinybird: pushing to ${env.name}`, async (p) => {
    for (; next < checked.length; next++) {
      const { resource, def, remote } = checked[next];
      if (p.signal.aborted) throw new CancelledError();
      const upstream = resource.dependsOn.find((d) => broken.has(d));
      if (upstream) {
        broken.add(resource.name);
        report.upstreamFailed.push({ name: def.name, upstream });
        report.outcomes.push({ name: def.name, status: 'upstream-failed', detail: `not attempted: ${upstream} failed or was skipped` });
        continue;
      }
      p.report(`${def.name} (${next + 1}/${checked.length})`, 100 / checked.length);
      try {
        const status = remote && !force ? 'skipped' : def.kind === 'pipe' ? await pushPipe(api, def, remote !== null, p.signal) : await pushDatasource(api, ui, def, remote as ApiDatasource | null, env.production, p.signal);
        report.done.push({ name: def.name, status });
        report.outcomes.push({ name: def.name, status });
      } catch (err) {
        if (err instanceof CancelledError) throw err;
        report.failures.push({ name: def.name, message: message(err) });
        report.outcomes.push({ name: def.name, status: 'failed', detail: message(err) });
        broken.add(resource.name);
        const rest = checked.length - next - 1;
        if (continuePast || !rest) continue;
        const choice = await ui.confirm(
          `${def.name} failed on ${env.name}: ${message(err)}`,
          `Stop here, or continue with the other ${rest} resource(s)? Resources that depend on ${def.name} are skipped either way.`,
          [CONTINUE_ACTION],
        );
        if (choice !== CONTINUE_ACTION) {
          next++;
          return;
        }
        continuePast = true;
      }
    }
  }).catch((err: unknown) => {
    if (err instanceof CancelledError) report.cancelled = true;
    else throw err;
  });
  report.failed = report.failures[0];
  report.notPushed = checked.slice(next).map((c) => c.def.name);
  const why = report.cancelled ? 'cancelled' : 'the push stopped at the failure';
  report.outcomes.push(...report.notPushed.map((name): PushOutcome => ({ name, status: 'not-pushed', detail: why })));
  return report;
}

const LABELS: Array<[PushStatus, string]> = [['created', 'created'], ['updated', 'updated'], ['recreated', 'recreated'], ['unchanged', 'unchanged'], ['skipped', 'skipped (exists)']];

/** Groups of up to this many resources are named in the notification; larger ones are counted. */
const NAMED = 3;

/** The notification: counts (small groups by name), the first failure only, and where the full report is. */
export function summarize(report: PushReport): string {
  const group = (label: string, names: string[]) => (names.length <= NAMED ? `${label}: ${names.join(', ')}` : `${names.length} ${label}`);
  const parts: string[] = [];
  for (const [status, label] of LABELS) {
    const names = report.done.filter((d) => d.status === status).map((d) => d.name);
    if (names.length) parts.push(group(label, names));
  }
  if (report.failures.length) parts.push(group('failed', report.failures.map((f) => f.name)));
  if (report.upstreamFailed.length) parts.push(group('skipped (upstream failed)', report.upstreamFailed.map((u) => u.name)));
  if (report.notPushed.length) parts.push(group('not pushed', report.notPushed));
  if (report.cancelled) parts.push('cancelled');
  const head = `Tinybird push to ${report.environment}: ${parts.join('; ') || 'nothing to push'}.`;
  if (!report.failed) return head;
  return `${head} First failure: ${report.failed.name}: ${report.failed.message.replace(/\.$/, '')}. The full report is in the Tinybird output.`;
}

const REPORT_LABELS: Record<PushOutcome['status'], string> = {
  created: 'created',
  updated: 'updated',
  recreated: 'recreated',
  unchanged: 'unchanged',
  skipped: 'skipped (exists)',
  failed: 'FAILED',
  'upstream-failed': 'skipped (upstream)',
  'not-pushed': 'not pushed',
};

/** The push report block for the output channel: one line per resource, in push order. */
export function reportLines(report: PushReport): string[] {
  const width = Math.max(...report.outcomes.map((o) => REPORT_LABELS[o.status].length), 0);
  return [
    `Push report for ${report.environment}${report.cancelled ? ' (cancelled)' : ''}: ${report.outcomes.length} resource(s)`,
    ...report.outcomes.map((o) => `  ${REPORT_LABELS[o.status].padEnd(width)}  ${o.name}${o.detail ? ` — ${o.detail}` : ''}`),
  ];
}
