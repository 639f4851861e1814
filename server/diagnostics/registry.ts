// Every diagnostic rule, in README order.
import type { Rule } from './rule';
import { rule as copyMode } from './rules/copy-mode';
import { rule as copySchedule } from './rules/copy-schedule';
import { rule as copyWithoutTarget } from './rules/copy-without-target';
import { rule as discardedText } from './rules/discarded-text';
import { rule as duplicateNodeName } from './rules/duplicate-node-name';
import { rule as engineArgIgnored } from './rules/engine-arg-ignored';
import { rule as engineArgsWithoutEngine } from './rules/engine-args-without-engine';
import { rule as engineIsDeleted } from './rules/engine-is-deleted';
import { rule as engineKeyColumns } from './rules/engine-key-columns';
import { rule as engineParamColumn } from './rules/engine-param-column';
import { rule as engineRequiredParam } from './rules/engine-required-param';
import { rule as engineSign } from './rules/engine-sign';
import { rule as engineSortingKey } from './rules/engine-sorting-key';
import { rule as engineUnsupported } from './rules/engine-unsupported';
import { rule as engineVersionType } from './rules/engine-version-type';
import { rule as fmtComment } from './rules/fmt-comment';
import { rule as fmtKvTags } from './rules/fmt-kv-tags';
import { rule as fmtTypeEndpoint } from './rules/fmt-type-endpoint';
import { rule as fmtUnstableTemplate } from './rules/fmt-unstable-template';
import { rule as forwardSyntax } from './rules/forward-syntax';
import { rule as includeNotFound } from './rules/include-not-found';
import { rule as indexType } from './rules/index-type';
import { rule as indexesSyntax } from './rules/indexes-syntax';
import { rule as invalidVersion } from './rules/invalid-version';
import { rule as materializedWithoutDatasource } from './rules/materialized-without-datasource';
import { rule as missingSql } from './rules/missing-sql';
import { rule as missingValue } from './rules/missing-value';
import { rule as multiWordNodeName } from './rules/multi-word-node-name';
import { rule as multipleCopyNodes } from './rules/multiple-copy-nodes';
import { rule as needsNode } from './rules/needs-node';
import { rule as nodeNamedLikePipe } from './rules/node-named-like-pipe';
import { rule as nullableSortingKey } from './rules/nullable-sorting-key';
import { rule as partitionKeyGranularity } from './rules/partition-key-granularity';
import { rule as primaryKeyPrefix } from './rules/primary-key-prefix';
import { rule as replacingVerColumn } from './rules/replacing-ver-column';
import { rule as replacingWithoutVer } from './rules/replacing-without-ver';
import { rule as resourceLimit } from './rules/resource-limit';
import { rule as schemaSyntax } from './rules/schema-syntax';
import { rule as settingsSingleLine } from './rules/settings-single-line';
import { rule as snapshotFilter } from './rules/snapshot-filter';
import { rule as swallowedKeyword } from './rules/swallowed-keyword';
import { rule as syntax } from './rules/syntax';
import { rule as targetMissingColumn } from './rules/target-missing-column';
import { rule as targetUnknownColumn } from './rules/target-unknown-column';
import { rule as templateBlock } from './rules/template-block';
import { rule as templateError } from './rules/template-error';
import { rule as templateForbiddenTag } from './rules/template-forbidden-tag';
import { rule as templateFunction } from './rules/template-function';
import { rule as templateNotDynamic } from './rules/template-not-dynamic';
import { rule as templateSyntax } from './rules/template-syntax';
import { rule as tokenArguments } from './rules/token-arguments';
import { rule as ttlType } from './rules/ttl-type';
import { rule as unknownKeyword } from './rules/unknown-keyword';
import { rule as unknownNodeType } from './rules/unknown-node-type';
import { rule as unknownReference } from './rules/unknown-reference';
import { rule as unknownTargetDatasource } from './rules/unknown-target-datasource';
import { rule as unresolvedReference } from './rules/unresolved-reference';

export const RULES: readonly Rule[] = [
  // Grammar (tb check parity, tb's silent traps)
  syntax,
  unknownKeyword,
  unknownNodeType,
  forwardSyntax,
  needsNode,
  missingValue,
  missingSql,
  invalidVersion,
  tokenArguments,
  settingsSingleLine,
  schemaSyntax,
  indexesSyntax,
  indexType,
  templateBlock,
  templateForbiddenTag,
  templateSyntax,
  templateFunction,
  templateError,
  templateNotDynamic,
  includeNotFound,
  duplicateNodeName,
  nodeNamedLikePipe,
  swallowedKeyword,
  discardedText,
  multiWordNodeName,
  resourceLimit,
  // Engine (§2.4, ClickHouse rules of §7)
  engineUnsupported,
  engineSortingKey,
  engineKeyColumns,
  engineParamColumn,
  engineVersionType,
  replacingWithoutVer,
  replacingVerColumn,
  engineIsDeleted,
  engineSign,
  engineRequiredParam,
  nullableSortingKey,
  primaryKeyPrefix,
  ttlType,
  partitionKeyGranularity,
  engineArgIgnored,
  engineArgsWithoutEngine,
  // Snapshots (the lambda architecture of the seeds)
  snapshotFilter,
  // Lineage
  unknownReference,
  unresolvedReference,
  materializedWithoutDatasource,
  unknownTargetDatasource,
  targetUnknownColumn,
  targetMissingColumn,
  copyWithoutTarget,
  copySchedule,
  copyMode,
  multipleCopyNodes,
  // What tb fmt destroys
  fmtComment,
  fmtTypeEndpoint,
  fmtUnstableTemplate,
  fmtKvTags,
];

/** The embedded ClickHouse's findings (server/engine/analysis.ts): not a rule module, configured like one. */
export const CLICKHOUSE_RULE = 'clickhouse';

/** Every rule id tinybird-lint.json and the settings may name. */
export const RULE_IDS: ReadonlySet<string> = new Set([...RULES.map((r) => r.id), CLICKHOUSE_RULE]);
