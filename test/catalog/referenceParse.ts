// Parses the parts of shared/reference/datafile-format.md the catalog tests compare against.
import * as fs from 'node:fs';
import { sharedPath } from '../support/shared';

/** The reference lives next to the repository: `<repo>/../shared/reference/datafile-format.md`. */
export const REFERENCE_PATH = sharedPath('reference', 'datafile-format.md');

export function readReference(): string {
  return fs.readFileSync(REFERENCE_PATH, 'utf8');
}

/** Text of the section starting with `heading` up to the next heading of the same or a higher level. */
export function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`heading not found: ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#+)\s/.exec(lines[i]);
    if (m && m[1].length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

function backticked(s: string): string[] {
  return [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** Splits a Markdown table row into cells (no escaped pipes are used in the reference table). */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** Every keyword of the §1.1 command table, upper-case; `ENGINE_<ARG>` expanded with the listed args. */
export function commandTableKeywords(md: string): string[] {
  const sec = section(md, '### 1.1 Complete command table');
  const rows = sec.split('\n').filter((l) => l.startsWith('|'));
  const out = new Set<string>();
  for (const row of rows.slice(2)) {
    const [first, , , notes = ''] = cells(row);
    for (const code of backticked(first)) {
      const word = code.split(/\s+/)[0];
      if (word === 'ENGINE_<ARG>') {
        const m = /`<ARG>`\s*∈\s*`([^`]+)`/.exec(notes);
        if (!m) throw new Error('ENGINE_<ARG> row without an arg list');
        for (const a of m[1].split(',').map((x) => x.trim()).filter(Boolean)) out.add(`ENGINE_${a}`);
        continue;
      }
      if (/^[A-Z][A-Z0-9_]*$/.test(word)) out.add(word);
    }
  }
  return [...out];
}

/** The §3.1 `VALID_FUNCTION_NAMES` whitelist, in reference order. */
export function validFunctionNames(md: string): string[] {
  const sec = section(md, '### 3.1 Template language');
  const m = /allowed only for `VALID_FUNCTION_NAMES`:\s*\n?\s*`([^`]+)`/.exec(sec);
  if (!m) throw new Error('VALID_FUNCTION_NAMES list not found');
  return m[1].split(/\s+/).filter(Boolean);
}

/** The §3.1 allowed method names (`split get join replace`). */
export function allowedMethods(md: string): string[] {
  const m = /Method calls are allowed only for `([^`]+)`/.exec(section(md, '### 3.1 Template language'));
  if (!m) throw new Error('method list not found');
  return m[1].split(/\s+/).filter(Boolean);
}

/** The §3.1 forbidden tags. */
export function forbiddenTags(md: string): string[] {
  const m = /Forbidden, each with its own message:([^\n]+)/.exec(section(md, '### 3.1 Template language'));
  if (!m) throw new Error('forbidden tag list not found');
  return backticked(m[1]);
}

/** The §3.1 `RESERVED_PARAM_NAMES`. */
export function reservedParamNames(md: string): string[] {
  const m = /Reserved parameter names:([\s\S]*?)\(`RESERVED_PARAM_NAMES`\)/.exec(section(md, '### 3.1 Template language'));
  if (!m) throw new Error('reserved names not found');
  return m[1].replace(/`/g, '').split(/[,\s]+/).filter(Boolean);
}

/** The engine names of the §2.4 table. */
export function engineNames(md: string): string[] {
  const sec = section(md, '### 2.4 Engines and their parameters');
  return sec
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((row) => backticked(cells(row)[0])[0]);
}
