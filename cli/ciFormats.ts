// Findings in the formats CI reads: GitHub workflow commands (inline annotations on a pull request's
// diff) and SARIF 2.1.0 (code scanning).
import { pathToFileURL } from 'node:url';
import type { Rule, RuleSeverity } from '../server/diagnostics/rule';
import { ruleDocUrl, RULES_DOC_URL } from '../server/diagnostics/rule';
import { VERSION } from './common';

export interface Annotation {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity: RuleSeverity;
  title?: string;
  message: string;
}

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_COMMAND: Record<RuleSeverity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** One `::error file=…,line=…::message` line. */
export function githubCommand(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['col', a.column],
    ['endLine', a.endLine],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${GITHUB_COMMAND[a.severity]} ${list.join(',')}::${escapeData(a.message)}\n`;
}

const SARIF_LEVEL: Record<RuleSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifRule {
  id: string;
  severity: RuleSeverity;
  summary: string;
}

/** A SARIF 2.1.0 log of one run; `rules` is every rule the tool has (metadata and help links). */
export function sarifLog(findings: (Annotation & { rule: string })[], rules: readonly SarifRule[], baseDir: string): object {
  const ruleIndex = new Map(rules.map((r, k) => [r.id, k]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tb-datafiles',
            version: VERSION,
            informationUri: RULES_DOC_URL,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.summary },
              helpUri: ruleDocUrl(r.id),
              help: { text: `${r.summary} See ${ruleDocUrl(r.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(baseDir).href.replace(/\/?$/, '/')}` } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1, endLine: f.endLine ?? f.line ?? 1, endColumn: f.endColumn ?? f.column ?? 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

export const sarifRules = (rules: readonly Rule[], extra: SarifRule[]): SarifRule[] => [...rules.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary })), ...extra];
