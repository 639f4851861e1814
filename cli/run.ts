// `run PIPE… [--node NAME] [--param k=v]… [--format json|ndjson|csv|table]`: the pipes run offline
// on a fresh embedded engine with the project's tables, views and fixtures; prints the last result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../server/engine/client';
import { prepareRun, runPipe, RunError } from '../server/engine/run';
import { projectRoot } from './check';
import { indexProject } from './checkProject';
import { formatResult, OUTPUT_FORMATS, type OutputFormat } from './output';

const usage = `Usage: tb-datafiles run PIPE… [--node NAME] [--param k=v]… [--format json|ndjson|csv|table]

Runs the pipes in order on a fresh embedded ClickHouse (chDB) holding the project's datasources, its
materialized views and its fixtures (fixtures/<datasource>.ndjson|.csv). A copy pipe writes its target
(COPY_MODE append or replace), materialized views fire on every insert, an endpoint (or --node) returns
its rows. Prints the last pipe's result (default --format table; json is Tinybird's API shape).
`;

export async function runRun(args: string[]): Promise<number> {
  const pipes: string[] = [];
  const variables: Record<string, string> = {};
  let node: string | undefined;
  let format: string = 'table';
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++k] ?? ''));
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return 0;
    }
    if (arg === '--node' || arg.startsWith('--node=')) node = value();
    else if (arg === '--format' || arg.startsWith('--format=')) format = value();
    else if (arg === '--param') {
      const kv = args[++k] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) return fail(`--param needs k=v, not '${kv}'`);
      variables[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (arg.startsWith('-')) return fail(`unknown option: ${arg}`);
    else pipes.push(arg);
  }
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) return fail(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not '${format}'`);
  if (!pipes.length) return fail('no pipe given');
  const missing = pipes.find((p) => !fs.existsSync(p) || !p.endsWith('.pipe'));
  if (missing) return fail(`not a .pipe file: ${missing}`);
  const files = pipes.map((p) => path.resolve(p));
  const root = projectRoot(files[0]);
  const index = indexProject(root, files);
  const engine = new EngineClient();
  try {
    const session = await prepareRun(engine, index, root);
    for (const skipped of session.skippedViews) process.stderr.write(`run: materialized node ${skipped.node} not installed: ${skipped.reason}\n`);
    let output = '';
    for (const [k, file] of files.entries()) {
      const last = k === files.length - 1;
      const result = await runPipe(session, index.get(file)!, { node: last ? node : undefined, variables });
      if (last) output = formatResult(result, format as OutputFormat);
    }
    process.stdout.write(output);
    return 0;
  } catch (e) {
    if (e instanceof RunError) return fail(e.message, false);
    throw e;
  } finally {
    await engine.close();
  }
}

function fail(message: string, withUsage = true): number {
  process.stderr.write(`run: ${message}\n${withUsage ? usage : ''}`);
  return withUsage ? 2 : 1;
}
