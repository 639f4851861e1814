// Signature help for the call around the cursor: template functions inside `{{ }}`/`{% %}`,
// ClickHouse functions (with combinators and parametric aggregates) in SQL.
import type { ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver';
import { resolveClickhouseFunction, type ChSignature } from '../catalog/clickhouse';
import { templateFunction } from '../catalog/template';
import type { FileFacts } from '../workspace/facts';
import { cursorAt } from './cursor';

interface Call {
  name: string;
  /** Zero-based argument index at the cursor. */
  arg: number;
  /** Text of the current argument so far. */
  argText: string;
  /** The second group of `quantile(0.5)(x)`. */
  secondGroup: boolean;
}

/** The innermost unclosed call at the end of `text` (quotes and template tags skipped). */
function enclosingCall(text: string): Call | undefined {
  const stack: (Call & { argStart: number })[] = [];
  let lastClosed: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%' || text[i + 1] === '#')) {
      const close = text.indexOf(text[i + 1] === '{' ? '}}' : text[i + 1] === '%' ? '%}' : '#}', i + 2);
      if (close < 0) return undefined;
      i = close + 1;
      continue;
    }
    if (c === '(') {
      const before = text.slice(0, i);
      const name = /([A-Za-z_][\w$]*)\s*$/.exec(before)?.[1];
      const second = !name && /\)\s*$/.test(before) && lastClosed !== undefined;
      stack.push({ name: name ?? (second ? lastClosed! : ''), arg: 0, argText: '', secondGroup: second, argStart: i + 1 });
    } else if (c === ')') {
      lastClosed = stack.pop()?.name;
    } else if (c === ',' && stack.length) {
      const top = stack[stack.length - 1];
      top.arg++;
      top.argStart = i + 1;
    } else if (!/\s/.test(c)) lastClosed = undefined;
  }
  const top = stack[stack.length - 1];
  if (!top?.name) return undefined;
  return { name: top.name, arg: top.arg, argText: text.slice(top.argStart).trim(), secondGroup: top.secondGroup };
}

export function signatureHelp(file: FileFacts, offset: number): SignatureHelp | null {
  const cursor = cursorAt(file, offset);
  if (cursor.kind !== 'block' || cursor.keyword !== 'sql') return null;
  const prefix = cursor.prefix;
  const open = Math.max(prefix.lastIndexOf('{{'), prefix.lastIndexOf('{%'));
  const inTag = open >= 0 && Math.max(prefix.lastIndexOf('}}'), prefix.lastIndexOf('%}')) < open;
  const call = enclosingCall(inTag ? prefix.slice(open + 2) : prefix);
  if (!call) return null;
  return inTag ? templateSignature(call) : clickhouseSignature(call);
}

function templateSignature(call: Call): SignatureHelp | null {
  const fn = templateFunction(call.name);
  if (!fn) return null;
  const keyword = /^([A-Za-z_]\w*)\s*=/.exec(call.argText)?.[1];
  const byName = keyword ? fn.parameters.findIndex((p) => p.name === keyword) : -1;
  const variadic = fn.parameters.findIndex((p) => p.variadic);
  const active = byName >= 0 ? byName : variadic >= 0 && call.arg >= variadic ? variadic : Math.min(call.arg, fn.parameters.length - 1);
  const signature: SignatureInformation = {
    label: fn.signature,
    documentation: { kind: 'markdown', value: fn.description },
    parameters: fn.parameters.map((p) => ({ label: parameterLabel(fn.signature, p.name), documentation: p.documentation })),
  };
  return { signatures: [signature], activeSignature: 0, activeParameter: Math.max(0, active) };
}

/** The `[start, end)` of a parameter name in a signature label (the whole label when absent). */
function parameterLabel(signature: string, name: string): [number, number] {
  const open = signature.indexOf('(');
  const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const m = re.exec(signature.slice(open + 1));
  return m ? [open + 1 + m.index, open + 1 + m.index + name.length] : [0, signature.length];
}

function clickhouseSignature(call: Call): SignatureHelp | null {
  const found = resolveClickhouseFunction(call.name);
  if (!found) return null;
  const { fn } = found;
  const signatures = fn.signatures.map((s) => toSignature(s, fn.description));
  const activeSignature = Math.max(0, fn.signatures.findIndex((s) => s.parameters.filter((p) => p.kind === 'argument').length > call.arg || s.parameters.some((p) => p.variadic)));
  return { signatures, activeSignature, activeParameter: activeParameter(fn.signatures[activeSignature], call) };
}

function toSignature(s: ChSignature, description: string): SignatureInformation {
  const parameters: ParameterInformation[] = s.parameters.map((p) => ({ label: [p.offsets[0], p.offsets[1]], documentation: p.documentation }));
  return { label: s.label, documentation: { kind: 'markdown', value: description }, parameters };
}

function activeParameter(s: ChSignature | undefined, call: Call): number {
  if (!s?.parameters.length) return 0;
  const group = s.parametric && !call.secondGroup ? 'parameter' : 'argument';
  const offset = group === 'argument' ? s.parameters.filter((p) => p.kind === 'parameter').length : 0;
  const inGroup = s.parameters.filter((p) => p.kind === group);
  const variadic = inGroup.findIndex((p) => p.variadic);
  const index = variadic >= 0 && call.arg >= variadic ? variadic : Math.min(call.arg, inGroup.length - 1);
  return offset + Math.max(0, index);
}
