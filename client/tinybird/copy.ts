// Run copy pipe: `POST /v0/pipes/<name>/copy`, then poll the job until done, error or cancel (§6.4, §6.5).
import type { TinybirdApi } from './api';
import type { CommandContext } from './context';
import { CancelledError, TinybirdApiError, UserError } from './errors';
import { sleep } from './http';
import { askParams } from './params';
import { pipeAt } from './queryActions';
import type { Job } from './schemas';
import type { Progress } from './ui';

/** Consecutive failed polls tolerated before giving up on watching a job. */
const MAX_FAILED_POLLS = 3;

/** Polls until the job finishes. On cancel, asks the API to cancel the job and rethrows CancelledError. */
export async function waitForJob(api: TinybirdApi, jobId: string, progress: Progress, pollMs: number): Promise<Job> {
  let shown = 0;
  let failedPolls = 0;
  try {
    for (;;) {
      let job: Job;
      try {
        job = await api.job(jobId, progress.signal);
        failedPolls = 0;
      } catch (err) {
        if (!(err instanceof TinybirdApiError)) throw err;
        // The job runs on regardless of our polling: retry a few times, then say so rather than cancel it.
        if (++failedPolls > MAX_FAILED_POLLS)
          throw new UserError(`Could not check job ${jobId} on ${api.environment} (${err.message}). It was not cancelled and may still be running: check it in Tinybird (Jobs) before running the copy again.`);
        await sleep(pollMs, progress.signal);
        continue;
      }
      const pct = job.progress_percentage ?? 0;
      progress.report(`job ${jobId}: ${job.status}${job.progress_percentage === undefined ? '' : ` ${Math.round(pct)}%`}`, Math.max(0, pct - shown));
      shown = Math.max(shown, pct);
      if (job.status === 'done') return job;
      if (job.status === 'error') {
        const extra = (job.errors ?? []).filter((e) => e !== job.error);
        const errors = extra.length ? `: ${extra.join('; ')}` : '';
        throw new UserError(`Job ${jobId} failed on ${api.environment}: ${job.error ?? 'unknown error'}${errors}`);
      }
      if (job.status === 'cancelled') throw new UserError(`Job ${jobId} was cancelled on ${api.environment}.`);
      await sleep(pollMs, progress.signal);
    }
  } catch (err) {
    if (err instanceof CancelledError) {
      // The user stopped waiting: cancel the job too, and say so if the API refuses (it may still run).
      await api.cancelJob(jobId).catch((cancelError: unknown) => {
        const reason = cancelError instanceof Error ? cancelError.message : String(cancelError);
        throw new UserError(`Stopped waiting, but job ${jobId} could not be cancelled on ${api.environment} and may still run: ${reason}`);
      });
    }
    throw err;
  }
}

export async function runCopy(ctx: CommandContext, uri: string): Promise<void> {
  const info = await pipeAt(ctx, uri);
  const node = info.nodes.find((n) => n.type === 'copy');
  if (!node) throw new UserError(`${info.name} has no COPY node.`);
  const target = node.target ?? 'its target datasource';
  const params = await askParams(ctx.ui, ctx.memory, info.name, info.params);
  if (!params) return;
  const { env, api } = await ctx.environments.session(await ctx.rootOf(uri));
  if (env.production) {
    const action = `Run on ${env.name}`;
    const ok = await ctx.ui.confirm(`Run the copy pipe ${info.name} on the production environment ${env.name}?`, `It writes to ${target} (${node.copyMode ?? 'append'}).`, [action], true);
    if (ok !== action) return;
  }
  const job = await ctx.ui.withProgress(`Tinybird: copy ${info.name} → ${target} on ${env.name}`, async (p) => {
    const jobId = await api.runCopy(info.name, params, undefined, p.signal);
    return waitForJob(api, jobId, p, ctx.pollMs);
  });
  const rows = job.statistics?.row_count;
  ctx.ui.info(`Tinybird: copy ${info.name} → ${target} done on ${env.name}: ${rows === undefined ? 'row count not reported' : `${rows} rows written`}.`);
}
