// zod schemas of the Tinybird API responses the commands read (reference §6). Unknown keys are kept.
import { z } from 'zod';

export const localTokensSchema = z.object({ workspace_admin_token: z.string().min(1) }).passthrough();

export const workspaceSchema = z.object({ id: z.string(), name: z.string() }).passthrough();

/** `GET /v0/datasources/<name>`: what push compares with the file before altering (anything missing is not compared). */
export const datasourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullish(),
    engine: z.object({ engine: z.string().optional(), sorting_key: z.string().nullish(), ttl: z.string().nullish() }).passthrough().nullish(),
    schema: z.object({ sql_schema: z.string().optional() }).passthrough().nullish(),
    indexes: z.array(z.object({ name: z.string(), expr: z.string(), type: z.string(), granularity: z.union([z.string(), z.number()]) }).passthrough()).nullish(),
  })
  .passthrough();
export type ApiDatasource = z.output<typeof datasourceSchema>;

const pipeNodeSchema = z.object({ id: z.string(), name: z.string(), node_type: z.string().optional() }).passthrough();

export const pipeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    nodes: z.array(pipeNodeSchema),
    copy_target_datasource: z.string().nullish(),
    schedule: z.object({ cron: z.string().nullish() }).passthrough().nullish(),
  })
  .passthrough();
export type ApiPipe = z.output<typeof pipeSchema>;

/** `POST /v0/datasources/<name>/alter`: the SQL operations (to run, or that ran) and the pipes that depend on the datasource
 * (informative only: a shape other than a list of names is dropped rather than failing the push). */
export const alterSchema = z.object({ operations: z.array(z.string()).default([]), dependencies: z.array(z.string()).catch([]) }).passthrough();
export type AlterResult = z.output<typeof alterSchema>;

export const tokensSchema = z
  .object({
    tokens: z.array(
      z.object({ name: z.string(), scopes: z.array(z.object({ type: z.string(), resource: z.string().optional() }).passthrough()) }).passthrough(),
    ),
  })
  .passthrough();

export const querySchema = z
  .object({
    meta: z.array(z.object({ name: z.string(), type: z.string() })),
    data: z.array(z.record(z.unknown())),
    rows: z.number(),
    rows_before_limit_at_least: z.number().optional(),
    statistics: z.object({ elapsed: z.number(), rows_read: z.number(), bytes_read: z.number() }).partial().optional(),
  })
  .passthrough();
export type QueryResult = z.output<typeof querySchema>;

export const appendSchema = z
  .object({
    datasource: z.object({ name: z.string() }).passthrough().optional(),
    invalid_lines: z.number().optional(),
    quarantine_rows: z.number().optional(),
    error: z.union([z.boolean(), z.string()]).optional(),
  })
  .passthrough();
export type AppendResult = z.output<typeof appendSchema>;

/** The job envelope (`{id, job_id, job_url, job, status}`): at least one of the ids must be there. */
export const jobStartSchema = z
  .object({
    id: z.string().optional(),
    job_id: z.string().optional(),
    job: z.object({ id: z.string().optional(), job_id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough()
  .transform((v, ctx) => {
    const id = v.job?.job_id ?? v.job?.id ?? v.job_id ?? v.id;
    if (!id) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'no job id in the response' });
      return z.NEVER;
    }
    return { jobId: id };
  });

export const jobSchema = z
  .object({
    id: z.string(),
    status: z.enum(['waiting', 'working', 'done', 'error', 'cancelled']),
    progress_percentage: z.number().optional(),
    error: z.string().nullish(),
    errors: z.array(z.string()).optional(),
    statistics: z.object({ row_count: z.number().optional(), bytes: z.number().optional() }).passthrough().nullish(),
  })
  .passthrough();
export type Job = z.output<typeof jobSchema>;
