// Diagnostics configuration: per-rule severity and rule options, from VS Code settings
// (`tinybird.diagnostics.*`) and from the project file `tinybird-lint.json`, which the CLI reads too.
// The project file wins over the settings, so the editor shows what CI reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { jsonSyntaxError } from '../parser/jsonErrors';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_RULE_TIME_BUDGET_MS } from '../workspace/limits';
import { DEFAULT_SNAPSHOT_COLUMNS, type SnapshotOptions } from '../workspace/snapshots';
import { PROJECT_CONFIG_FILE } from './configFile';
import type { RuleSeverity } from './rule';

export { PROJECT_CONFIG_FILE } from './configFile';

export type RuleLevel = RuleSeverity | 'off';

const level = z.enum(['off', 'hint', 'info', 'warning', 'error']);

const fields = {
  /** Severity per rule id. */
  rules: z.record(z.string(), level).optional(),
  /** Column names that mark a datasource as holding snapshots. */
  snapshotColumns: z.array(z.string().min(1)).optional(),
  /** Datasources to treat as multi-snapshot whatever writes them. */
  multiSnapshotDatasources: z.array(z.string().min(1)).optional(),
  /** Columns that a ReplacingMergeTree should use as ENGINE_VER when present. */
  versionColumns: z.array(z.string().min(1)).optional(),
  /** Files larger than this many KB are not analysed. */
  maxFileSizeKB: z.number().int().positive().optional(),
  /** Once a file's rules have run this many milliseconds, the remaining rules are skipped and reported. */
  ruleTimeBudgetMs: z.number().int().nonnegative().optional(),
};

/** Settings as VS Code sends them (unknown keys ignored). */
export const settingsSchema = z.object(fields);
/** The project file (unknown keys are errors, to catch typos). */
export const projectFileSchema = z.object({ $schema: z.string().optional(), ...fields }).strict();

export type ConfigInput = z.infer<typeof settingsSchema>;

export interface RuleOptions extends SnapshotOptions {
  readonly versionColumns: readonly string[];
}

export interface DiagnosticsConfig {
  readonly rules: Readonly<Record<string, RuleLevel>>;
  readonly options: RuleOptions;
  readonly maxFileBytes: number;
  readonly ruleTimeBudgetMs: number;
}

export const DEFAULT_CONFIG: DiagnosticsConfig = resolveConfig([]);

/** Later inputs override earlier ones (rule by rule for severities, whole lists for options). */
export function resolveConfig(inputs: readonly ConfigInput[]): DiagnosticsConfig {
  const rules: Record<string, RuleLevel> = {};
  let snapshotColumns = DEFAULT_SNAPSHOT_COLUMNS;
  let multi: string[] = [];
  let versionColumns = ['updatedAt'];
  let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  let ruleTimeBudgetMs = DEFAULT_RULE_TIME_BUDGET_MS;
  for (const input of inputs) {
    Object.assign(rules, input.rules);
    snapshotColumns = input.snapshotColumns ?? snapshotColumns;
    multi = input.multiSnapshotDatasources ?? multi;
    versionColumns = input.versionColumns ?? versionColumns;
    maxFileBytes = input.maxFileSizeKB ? input.maxFileSizeKB * 1024 : maxFileBytes;
    ruleTimeBudgetMs = input.ruleTimeBudgetMs ?? ruleTimeBudgetMs;
  }
  return { rules, options: { snapshotColumns, multiSnapshotDatasources: new Set(multi), versionColumns }, maxFileBytes, ruleTimeBudgetMs };
}

export interface ProjectConfig {
  input: ConfigInput;
  /** Problems found in the file (invalid JSON, unknown keys, bad values), as messages. */
  problems: string[];
}

/** Reads `tinybird-lint.json` from a project root; a missing file is an empty config. */
export function loadProjectConfig(root: string, knownRules: ReadonlySet<string>): ProjectConfig {
  const file = path.join(root, PROJECT_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { input: {}, problems: [] };
  }
  return parseProjectConfig(text, file, knownRules);
}

export function parseProjectConfig(text: string, file: string, knownRules: ReadonlySet<string>): ProjectConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const { line, reason } = jsonSyntaxError(text);
    return { input: {}, problems: [`${file}:${line}: invalid JSON (${reason})`] };
  }
  const parsed = projectFileSchema.safeParse(json);
  if (!parsed.success) {
    return { input: {}, problems: parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  const problems = Object.keys(parsed.data.rules ?? {})
    .filter((id) => !knownRules.has(id))
    .map((id) => `${file}: rules.${id}: unknown rule`);
  return { input: parsed.data, problems };
}


/** The configuration of an editor session: user settings plus each project's own `tinybird-lint.json`. */
export class ConfigStore {
  private settings: ConfigInput = {};
  private readonly projects = new Map<string, ProjectConfig>();
  private readonly resolved = new Map<string, DiagnosticsConfig>();

  /** `projectRoot` gives the root of a file's project (the Session's, see projectRootOf). */
  constructor(
    private readonly knownRules: ReadonlySet<string>,
    private readonly projectRoot: (file: string) => string,
  ) {}

  /** Returns the problems of the settings value (it is ignored when invalid). */
  setSettings(raw: unknown): string[] {
    const parsed = settingsSchema.safeParse(raw ?? {});
    this.settings = parsed.success ? parsed.data : {};
    this.resolved.clear();
    return parsed.success ? [] : parsed.error.issues.map((i) => `tinybird.diagnostics.${i.path.join('.')}: ${i.message}`);
  }

  /** (Re)reads the project files of these roots, forgetting every other; returns their problems. */
  loadProjects(roots: Iterable<string>): string[] {
    this.projects.clear();
    this.resolved.clear();
    for (const root of roots) this.projects.set(root, loadProjectConfig(root, this.knownRules));
    return [...this.projects.values()].flatMap((p) => p.problems);
  }

  /** The configuration of the file's project: the settings, overridden by the project root's file if it has one. */
  forFile(file: string): DiagnosticsConfig {
    const root = this.projectRoot(file);
    let config = this.resolved.get(root);
    if (!config) {
      const project = this.projects.get(root);
      config = resolveConfig(project ? [this.settings, project.input] : [this.settings]);
      this.resolved.set(root, config);
    }
    return config;
  }
}
