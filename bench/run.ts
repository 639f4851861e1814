// `npm run bench`: performance of the language service on the crowd.dev corpus and on a synthetic
// workspace ten times its size. Prints a table of medians and writes JSON to `--out <path>`;
// `--only format` measures only the formatter and the CLI rows.
// Needs `npm run build` (it runs the real dist/server.js and dist/cli.js).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatDatafile } from '../server/format/index';
import { WorkspaceIndex } from '../server/workspace/index';
import { corpusFiles, CORPUS, REPO_ROOT } from '../test/support/corpus';
import { startServer } from '../test/support/lspClient';
import { until } from '../test/support/until';
import { largestPipe, measureDiagnosticsLatency } from './diagnosticsLatency';
import { measureCompiledSql } from './compiledSql';
import { measureTemplateErrors } from './templateErrors';
import { measureLargeInputs } from './largeInputs';
import { measureEngine } from './engine';
import { measureEngineCli } from './engineCli';
import { measureEngineLive } from './engineLive';
import { measureFeatureLatency } from './featureLatency';
import { measureReadiness } from './readiness';
import { cloneWorkspace, writeWorkspace, type WorkspaceFile } from './workspace';
import { median, round } from './stats';

/** tb fmt takes about 1.5 s per file (one Python process each), per the issue. */
const TB_FMT_SECONDS_PER_FILE = 1.5;

/** `npm run bench` runs node with --expose-gc, so retained memory is measured after a full collection. */
function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

function indexInProcess(files: WorkspaceFile[], runs: number): { ms: number; retainedMb: number; index: WorkspaceIndex } {
  const times: number[] = [];
  let index = new WorkspaceIndex();
  let retainedMb = 0;
  for (let r = 0; r < runs; r++) {
    index = new WorkspaceIndex();
    const before = heapUsedMb();
    const t0 = performance.now();
    for (const f of files) index.update(f.path, f.text);
    times.push(performance.now() - t0);
    retainedMb = heapUsedMb() - before;
  }
  return { ms: median(times), retainedMb, index };
}

/**
 * The server from spawn to every file's diagnostics: a first start (no code cache of the server's
 * bundle yet; it waits until the server stored one), then `runs` starts with that cache, as every
 * start after the first is for a user. The servers inherit this process's environment, hence the
 * cache folder of the bench's own.
 */
async function coldStart(root: string, files: WorkspaceFile[], runs: number): Promise<{ ms: number; firstMs: number; rssMb: number }> {
  const uris = files.filter((f) => /\.(datasource|pipe|incl)$/.test(f.path)).map((f) => pathToFileURL(path.join(root, f.path)).href);
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-server-cache-'));
  const previousCache = process.env.TB_DATAFILES_CACHE_DIR;
  process.env.TB_DATAFILES_CACHE_DIR = cache;
  const times: number[] = [];
  const rss: number[] = [];
  let firstMs = 0;
  try {
    for (let r = -1; r < runs; r++) {
      const t0 = performance.now();
      const server = await startServer(root);
      await server.allPublished(uris);
      const ms = performance.now() - t0;
      if (r < 0) {
        firstMs = ms;
        await until('the server code cache', () => fs.existsSync(path.join(cache, 'code-server-core.bin')), Boolean);
      } else {
        times.push(ms);
        const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
      }
      await server.stop();
    }
  } finally {
    if (previousCache === undefined) delete process.env.TB_DATAFILES_CACHE_DIR;
    else process.env.TB_DATAFILES_CACHE_DIR = previousCache;
    fs.rmSync(cache, { recursive: true, force: true });
  }
  return { ms: median(times), firstMs, rssMb: median(rss) };
}

function formatInProcess(files: WorkspaceFile[], runs: number): { ms: number; filesPerSecond: number } {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const f of files) {
      const result = formatDatafile(f.text, f.path);
      if (!result.ok || result.text !== f.text) throw new Error(`corpus file not a fixed point: ${f.path}`);
    }
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return { ms, filesPerSecond: (files.length / ms) * 1000 };
}

/** Median wall time of a whole CLI process (`args` empty: bare node, the floor); exit code 1 is fine. */
function wholeProcess(args: string[], cacheDir: string, runs: number): number {
  const times: number[] = [];
  const argv = args.length ? [path.join(REPO_ROOT, 'dist/cli.js'), ...args] : ['-e', '0'];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, argv, { stdio: 'pipe', env: { ...process.env, TB_DATAFILES_CACHE_DIR: cacheDir } });
    } catch (e) {
      if ((e as { status?: number }).status !== 1) throw e;
    }
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The CLI on the corpus, one process per run: cold (--no-cache) and with the cache of a previous run. */
function cliTimings(runs: number): Record<string, number> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-cache-'));
  const timings = {
    nodeAloneMs: wholeProcess([], cacheDir, runs),
    fmtCheckColdMs: wholeProcess(['fmt', '--check', '--no-cache', CORPUS], cacheDir, runs),
    fmtCheckCachedMs: (wholeProcess(['fmt', '--check', CORPUS], cacheDir, 1), wholeProcess(['fmt', '--check', CORPUS], cacheDir, runs)),
    checkColdMs: wholeProcess(['check', '--no-cache', CORPUS], cacheDir, runs),
    checkCachedMs: (wholeProcess(['check', CORPUS], cacheDir, 1), wholeProcess(['check', CORPUS], cacheDir, runs)),
  };
  fs.rmSync(cacheDir, { recursive: true, force: true });
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, round(v)]));
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  // `--only format`: only the formatter and CLI rows; `--engine`: only the embedded engine's rows.
  const onlyFormat = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'format';
  const engineOnly = process.argv.includes('--engine');
  const corpus: WorkspaceFile[] = corpusFiles().map((f) => ({ path: path.relative(CORPUS, f.path), text: f.text }));
  const synthetic = cloneWorkspace(corpus, 10);
  const results: Record<string, Record<string, unknown>> = {};
  for (const [label, files] of onlyFormat || engineOnly ? [] : ([['corpus', corpus], ['10x', synthetic]] as const)) {
    process.stderr.write(`measuring ${label} (${files.length} files)…\n`);
    const root = writeWorkspace(files);
    const { ms: indexMs, retainedMb, index } = indexInProcess(files, 7);
    const cold = await coldStart(root, files, 3);
    const features = measureFeatureLatency(index);
    const latency = await measureDiagnosticsLatency(root, files, 200);
    const largest = await measureDiagnosticsLatency(root, files, 200, largestPipe(files));
    const readiness = [];
    for (let r = 0; r < 3; r++) readiness.push(await measureReadiness(root, files, largestPipe(files)));
    results[label] = {
      files: files.length,
      indexInProcessMs: round(indexMs),
      indexRetainedHeapMb: round(retainedMb),
      coldStartToAllDiagnosticsMs: round(cold.ms),
      firstStartToAllDiagnosticsMs: round(cold.firstMs),
      serverRssMb: round(cold.rssMb),
      editToDiagnosticsP50Ms: round(latency.p50),
      editToDiagnosticsP95Ms: round(latency.p95),
      busiestPipe: latency.pipe,
      largestPipe: largest.pipe,
      largestPipeEditP50Ms: round(largest.p50),
      largestPipeEditP95Ms: round(largest.p95),
      definitionRightAfterInitializedMs: round(median(readiness.map((r) => r.definitionMs))),
      definitionRightAfterInitializedExact: readiness.every((r) => r.exact),
      ...Object.fromEntries(Object.entries(features.afterEdit).map(([k, s]) => [`${k}P95Ms`, round(s.p95)])),
    };
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (!engineOnly) {
    const format = formatInProcess(corpus, 7);
    const cli = cliTimings(7);
    const tbSeconds = corpus.length * TB_FMT_SECONDS_PER_FILE;
    results.format = {
      files: corpus.length,
      inProcessMs: round(format.ms),
      filesPerSecond: Math.round(format.filesPerSecond),
      speedupVsTbFmtPerFile: Math.round((tbSeconds * 1000) / cli.fmtCheckColdMs),
    };
    results.cli = cli;
  }
  if (!onlyFormat) {
    if (!engineOnly) results.largeInputs = measureLargeInputs(path.join(REPO_ROOT, 'dist/cli.js'));
    const engineIndex = new WorkspaceIndex();
    for (const f of corpusFiles()) engineIndex.update(f.path, f.text);
    if (!engineOnly) {
      results.compiledSql = measureCompiledSql(engineIndex);
      results.templateErrors = measureTemplateErrors(engineIndex);
    }
    results.engine = await measureEngine(engineIndex, path.join(REPO_ROOT, 'dist/engine.js'));
    results.engineCli = measureEngineCli(path.join(REPO_ROOT, 'dist/cli.js'), CORPUS, 3);
    const liveRoot = writeWorkspace(corpus);
    const live = await measureEngineLive(liveRoot, corpus, 40);
    fs.rmSync(liveRoot, { recursive: true, force: true });
    results.engineInServer = { ...live, openToReadyMs: round(live.openToReadyMs), recheckP50Ms: round(live.recheckP50Ms), recheckP95Ms: round(live.recheckP95Ms), recheckMaxMs: round(live.recheckMaxMs) };
  }
  for (const [label, row] of Object.entries(results)) {
    process.stdout.write(`\n${label}\n`);
    for (const [k, v] of Object.entries(row)) process.stdout.write(`  ${k.padEnd(32)} ${v}\n`);
  }
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, results }, null, 2) + '\n');
    process.stdout.write(`\nwrote ${out}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
