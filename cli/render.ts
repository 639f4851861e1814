// `render FILE [--node NAME] [--resolved] [--param k=v]... [--test-mode]` and `render --batch`: Tinybird's
// template engine on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionAt } from '../server/parser/lines';
import { TemplateError, renderTemplate } from '../server/template';
import { jsonLoads } from '../server/template/pyJson';
import { PyDict, str, type Value } from '../server/template/python/values';
import { resolveNodeQuery } from '../server/template/resolve';
import { findDatafilesSync } from '../server/workspace/discovery';
import { endpointNode } from '../server/workspace/facts';
import { WorkspaceIndex } from '../server/workspace/index';
import { projectRoot } from './check';

const usage = `Usage: tb-datafiles render FILE [--node NAME] [--resolved] [--param k=v]... [--test-mode]
       tb-datafiles render --batch

Prints the SQL Tinybird runs for a node of a .pipe file (default: the endpoint node, else the last node).
  --node NAME    the node to render
  --resolved     the whole query: references to other nodes and pipes become subqueries
  --param k=v    a request parameter (repeatable); values are strings, as in an HTTP request
  --test-mode    render as tb check/push do (parameters without a value become placeholders)
  --batch        read JSON Lines {"template","variables","test_mode","secrets"?} on stdin and write one line
                 {"ok":true,"sql"} or {"ok":false,"error","message"} per request
Exit code 1 when the template fails, 2 on usage errors.
`;

function fail(message: string): number {
  process.stderr.write(`render: ${message}\n${usage}`);
  return 2;
}

/** One `--batch` request line → one response object. */
export function renderRequest(line: string): Record<string, unknown> {
  let request: Value;
  try {
    request = jsonLoads(line);
  } catch (e) {
    return { ok: false, error: 'InvalidRequest', message: `not JSON: ${(e as Error).message}` };
  }
  if (!(request instanceof PyDict) || typeof request.get('template') !== 'string') {
    return { ok: false, error: 'InvalidRequest', message: 'a request is an object with a "template" string' };
  }
  const vars = request.get('variables');
  const secrets = request.get('secrets');
  try {
    const r = renderTemplate(request.get('template') as string, {
      variables: vars instanceof PyDict ? new Map(vars.keys().map((k) => [str(k), vars.get(k)!])) : null,
      testMode: request.get('test_mode') === true,
      secrets: Array.isArray(secrets) ? secrets.map(str) : undefined,
    });
    return r.warnings.length ? { ok: true, sql: r.sql, warnings: r.warnings } : { ok: true, sql: r.sql };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: e.kind, message: e.message };
    return { ok: false, error: 'InternalError', message: String(e) };
  }
}

function runBatch(): number {
  const input = fs.readFileSync(0, 'utf8');
  for (const line of input.split('\n')) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(renderRequest(line))}\n`);
  }
  return 0;
}

export function runRender(args: string[]): number {
  let file: string | undefined;
  let nodeName: string | undefined;
  let resolved = false;
  let testMode = false;
  const params = new Map<string, Value>();
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return 0;
    }
    if (arg === '--batch') return args.length === 1 ? runBatch() : fail('--batch takes no other arguments');
    if (arg === '--node') nodeName = args[++k];
    else if (arg === '--resolved') resolved = true;
    else if (arg === '--test-mode') testMode = true;
    else if (arg === '--param') {
      const kv = args[++k] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) return fail(`--param needs k=v, not '${kv}'`);
      params.set(kv.slice(0, eq), kv.slice(eq + 1));
    } else if (arg.startsWith('-')) return fail(`unknown option: ${arg}`);
    else if (file) return fail('one FILE only');
    else file = arg;
  }
  if (!file) return fail('no FILE given');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return fail(`no such file: ${file}`);
  const filePath = path.resolve(file);
  const index = new WorkspaceIndex();
  for (const f of new Set([...findDatafilesSync(projectRoot(filePath)), filePath])) index.update(f, fs.readFileSync(f, 'utf8'));
  const facts = index.get(filePath);
  if (!facts || facts.role !== 'pipe') return fail(`${file} is not a .pipe file`);
  const nodes = index.nodesOf(facts).map((n) => n.node);
  const node = nodeName ? nodes.find((n) => n.name === nodeName) : (endpointNode(index, facts) ?? nodes[nodes.length - 1]);
  if (!node) return fail(nodeName ? `no node named ${nodeName}; nodes: ${nodes.map((n) => n.name).join(', ')}` : 'the pipe has no node');
  const r = resolveNodeQuery(index, facts, node.name, { variables: params, testMode });
  if (!r.ok) {
    const where = r.span && r.file === filePath ? positionAt(facts.parsed.lineStarts, r.span.start) : undefined;
    const loc = where ? `${file}:${where.line + 1}:${where.character + 1}` : `${file} (node ${r.node})`;
    process.stderr.write(`${loc} ${r.kind}: ${r.message}\n`);
    return 1;
  }
  process.stdout.write(`${resolved ? r.resolved : r.sql}\n`);
  return 0;
}
