// Test pipe locally: on the embedded ClickHouse by default (Run Endpoint Locally: no Docker), or the team
// guide's six steps against Tinybird Local in one command — token, push the pipe's upstream closure
// (datasources first), append the fixtures of the datasources it created, call the endpoint with
// parameters, show the result.
import * as path from 'node:path';
import type { CommandContext } from './context';
import { UserError } from './errors';
import { appendFile, describeAppend } from './fixtures';
import { curlCommand } from './curl';
import { askParams } from './params';
import { pushOrder, upstreamClosure } from './plan';
import { findFixture } from './project';
import { pushResources, reportLines, summarize } from './push';
import { pipeAt } from './queryActions';
import { runEndpointLocally } from './runLocally';
import type { PickItem } from './ui';

const TARGETS: PickItem<'embedded' | 'tinybird-local'>[] = [
  { label: 'Embedded ClickHouse', description: 'offline, no Docker: the project\'s fixtures on chDB', value: 'embedded' },
  { label: 'Tinybird Local', description: 'Docker: push the upstream, append its fixtures, call the endpoint', value: 'tinybird-local' },
];

/** Asks where to test (the embedded engine first, so Enter picks it). */
export async function testPipeLocally(ctx: CommandContext, uri: string): Promise<void> {
  const target = await ctx.ui.pick(TARGETS, 'Test the pipe on');
  if (target === 'embedded') await runEndpointLocally(ctx, uri);
  else if (target === 'tinybird-local') await testPipeOnTinybirdLocal(ctx, uri);
}

export async function testPipeOnTinybirdLocal(ctx: CommandContext, uri: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  if (!info.endpointNode) throw new UserError(`${info.name} is not an endpoint pipe; only endpoints can be called.`);
  const root = await ctx.rootOf(uri);
  const graph = await ctx.server.projectGraph({ uri });
  const closure = upstreamClosure(graph, info.name);
  if (!closure.has(info.name)) throw new UserError(`${info.name} is not in the project graph.`);

  // One notification for connecting, pushing and appending fixtures, so progress toasts never stack.
  const setup = await ctx.ui
    .withProgress(`Tinybird: testing ${info.name} on Tinybird Local`, async (p) => {
      p.report('connecting');
      const session = await ctx.environments.local(root, p.signal);
      const report = await pushResources(ctx.server, ctx.ui, session, pushOrder(graph, closure), p);
      if (report.failed || report.cancelled) return { session, report, appended: [] as string[] };
      const created = new Set(report.done.filter((d) => d.status === 'created').map((d) => d.name));
      const appended: string[] = [];
      for (const ds of graph.resources.filter((r) => r.kind === 'datasource' && closure.has(r.name) && created.has(r.name))) {
        const file = await findFixture(root, ds.name);
        if (!file) continue;
        p.report(`appending ${path.basename(file)} to ${ds.name}`);
        appended.push(describeAppend(ds.name, file, session.env.name, await appendFile(session, ds.name, file, p.signal)));
      }
      return { session, report, appended };
    });
  const { session, report, appended } = setup;
  for (const line of reportLines(report)) ctx.logger.line(line);
  if (report.failed || report.cancelled) {
    if (report.failed) ctx.ui.error(summarize(report));
    else ctx.ui.info(summarize(report));
    return;
  }

  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (!params) return;
  const result = await ctx.ui.withProgress(`Tinybird: ${info.name} on ${session.env.name}`, (p) => session.api.queryPipe(info.name, params, p.signal));
  ctx.ui.info([summarize(report), ...appended].join(' '));
  ctx.ui.showResult({
    title: `${info.name}.json (local test)`,
    environment: session.env.name,
    result,
    pipe: info.name,
    params,
    curl: curlCommand(session.env.host, `/v0/pipes/${encodeURIComponent(info.name)}.json`, params),
    at: new Date().toISOString(),
  });
}
