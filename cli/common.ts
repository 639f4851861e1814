// What every command shares: the version, colour (NO_COLOR / FORCE_COLOR), and PATHS that may be
// files, folders or quoted globs.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { version } from '../package.json';
import { findDatafilesSync } from '../server/workspace/discovery';

export const VERSION: string = version;

/** NO_COLOR (non-empty) turns colour off, FORCE_COLOR (other than 0/false) on; else colour on a terminal. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY);
}

export const EXIT_CODES = `Exit codes: 0 ok, 1 findings or files to format, 2 usage error or refused files.`;

const GLOB_CHARS = /[*?[{]/;

/** A glob as a regular expression over '/'-separated relative paths: **, *, ?, [..], {a,b}. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}${')'.repeat(braces)}$`);
}

/** The datafiles a glob matches: searched from its longest folder prefix without glob characters. */
function globFiles(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join('/') || (pattern.startsWith('/') ? '/' : '.');
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const re = globToRegExp(parts.slice(firstGlob).join('/'));
  return findDatafilesSync(base).filter((file) => re.test(path.relative(base, file).split(path.sep).join('/')));
}

export interface Targets {
  files: string[];
  /** Paths that do not exist and globs that match nothing. */
  problems: string[];
}

/**
 * Files for PATHS: a folder gives its datafiles (recursively), a glob the datafiles it matches, a file
 * itself (as given, datafile or not: the command says why it refuses it). Sorted per path, no duplicates.
 */
export function expandTargets(paths: string[]): Targets {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const target of paths) {
    if (existsSync(target)) {
      for (const file of statSync(target).isDirectory() ? findDatafilesSync(target) : [target]) files.add(file);
    } else if (GLOB_CHARS.test(target)) {
      const matched = globFiles(target);
      if (!matched.length) problems.push(`${target}: no datafiles match`);
      for (const file of matched) files.add(file);
    } else problems.push(`${target}: no such file or folder`);
  }
  return { files: [...files], problems };
}
