// Shared helpers for the grammar tests: load the real grammars with vscode-textmate + vscode-oniguruma.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';
import { sharedPath } from '../support/shared';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const corpusRoot = sharedPath('corpus', 'crowd.dev');

const GRAMMAR_FILES: Record<string, string> = {
  'source.tinybird-datasource': 'tinybird-datasource.tmLanguage.json',
  'source.tinybird-pipe': 'tinybird-pipe.tmLanguage.json',
  'source.tinybird-include': 'tinybird-include.tmLanguage.json',
  'source.tinybird-common': 'tinybird-common.tmLanguage.json',
  'source.tinybird-sql': 'tinybird-sql.tmLanguage.json',
};

let registryPromise: Promise<Registry> | undefined;

function registry(): Promise<Registry> {
  registryPromise ??= (async () => {
    const wasm = readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new OnigScanner(sources),
        createOnigString: (s: string) => new OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = GRAMMAR_FILES[scopeName];
        if (!file) return null;
        const full = path.join(repoRoot, 'syntaxes', file);
        return parseRawGrammar(readFileSync(full, 'utf8'), full);
      },
    });
  })();
  return registryPromise;
}

export type Scope = 'source.tinybird-datasource' | 'source.tinybird-pipe' | 'source.tinybird-include';

export function scopeForFile(file: string): Scope {
  if (file.endsWith('.pipe')) return 'source.tinybird-pipe';
  if (file.endsWith('.incl')) return 'source.tinybird-include';
  return 'source.tinybird-datasource';
}

export async function grammar(scope: Scope): Promise<IGrammar> {
  const g = await (await registry()).loadGrammar(scope);
  if (!g) throw new Error(`grammar ${scope} did not load`);
  return g;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export interface TokenizedLine {
  text: string;
  tokens: Token[];
  stoppedEarly: boolean;
}

export function tokenize(g: IGrammar, source: string, timeLimitMs = 0): TokenizedLine[] {
  let state: StateStack = INITIAL;
  return source.split(/\r?\n/).map((text, line) => {
    const r = g.tokenizeLine(text, state, timeLimitMs);
    state = r.ruleStack;
    return {
      text,
      stoppedEarly: r.stoppedEarly,
      tokens: r.tokens.map((t) => ({ line, text: text.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
    };
  });
}

/** Does some scope in the token's stack start with `prefix` (dot-segment aware)? */
export function hasScope(t: Token, prefix: string): boolean {
  return t.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

/** All tokens whose text is `text` on the first line matching `lineRe`. */
export function tokensOn(lines: TokenizedLine[], lineRe: RegExp): Token[] {
  const l = lines.find((x) => lineRe.test(x.text));
  if (!l) throw new Error(`no line matches ${lineRe}`);
  return l.tokens;
}

export function tokenAt(lines: TokenizedLine[], lineRe: RegExp, text: string, nth = 0): Token {
  const found = tokensOn(lines, lineRe).filter((t) => t.text === text);
  const t = found[nth];
  if (!t) {
    const line = lines.find((x) => lineRe.test(x.text))!;
    throw new Error(`no token ${JSON.stringify(text)} on ${JSON.stringify(line.text)}; tokens: ${JSON.stringify(line.tokens.map((x) => x.text))}`);
  }
  return t;
}

export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['datasources', 'pipes']) {
    for (const f of readdirSync(path.join(corpusRoot, dir))) {
      if (/\.(datasource|pipe|incl)$/.test(f)) out.push(path.join(corpusRoot, dir, f));
    }
  }
  return out.sort();
}

export function readCorpus(rel: string): string {
  return readFileSync(path.join(corpusRoot, rel), 'utf8');
}
