// check --format github (workflow commands) and --format sarif (SARIF 2.1.0, validated against the
// properties the 2.1.0 schema requires and allows on each object written, and the constraints it puts
// on them; the schema file itself is not available offline), --quiet.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { githubCommand } from '../../cli/ciFormats';
import { RULES } from '../../server/diagnostics/registry';
import { cli } from './support';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'diagnostics');
const SIGN = path.join(FIXTURES, 'engine-sign', 'flags-uint8-sign');
const SNAPSHOT = path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read');

test('github workflow commands escape %, newlines, and , : in properties', () => {
  assert.equal(
    githubCommand({ file: 'a,b:c.pipe', line: 2, column: 3, severity: 'info', title: 'r', message: '100% bad\nreally' }),
    '::notice file=a%2Cb%3Ac.pipe,line=2,col=3,title=r::100%25 bad%0Areally\n',
  );
});

test('check --format github: one workflow command per finding, error or warning by severity', () => {
  const r = cli(['check', '--format', 'github', 'events.datasource'], { cwd: SIGN });
  assert.equal(r.code, 1);
  assert.match(r.out, /^::error file=events\.datasource,line=6,col=13,endLine=6,endColumn=\d+,title=engine-sign::Sign column \(sign\)/m);
  const warn = cli(['check', '--format', 'github', '.'], { cwd: SNAPSHOT });
  assert.equal(warn.code, 0);
  assert.match(warn.out, /^::warning file=[^,]+\.pipe,line=3,col=27,endLine=3,endColumn=37,title=snapshot-filter::/m);
});

test('check --quiet reports errors only', () => {
  const r = cli(['check', '--quiet', SNAPSHOT]);
  assert.deepEqual([r.code, r.out], [0, '']);
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;

// The properties the 2.1.0 schema allows on each object this tool writes (every one is `additionalProperties: false`).
const ALLOWED: Record<string, string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
};

/** The SARIF 2.1.0 schema's requirements on what this tool writes: a list of violations. */
function sarifViolations(log: unknown): string[] {
  const bad: string[] = [];
  const need = (ok: boolean, what: string) => ok || bad.push(what);
  const only = (value: unknown, kind: string) => {
    if (isObject(value)) for (const key of Object.keys(value)) need(ALLOWED[kind].includes(key), `${kind} has no property ${key}`);
  };
  if (!isObject(log)) return ['log is not an object'];
  only(log, 'sarifLog');
  need(log.version === '2.1.0', 'version is "2.1.0"');
  need(typeof log.$schema === 'string' && /sarif.*2\.1\.0/.test(log.$schema as string), '$schema names 2.1.0');
  need(Array.isArray(log.runs) && log.runs.length === 1, 'runs is an array (one run)');
  for (const run of (log.runs as unknown[]) ?? []) {
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) {
      bad.push('run.tool.driver is an object');
      continue;
    }
    only(run, 'run');
    only(run.tool, 'tool');
    const driver = run.tool.driver;
    only(driver, 'toolComponent');
    need(typeof driver.name === 'string' && driver.name.length > 0, 'driver.name');
    need(typeof driver.version === 'string', 'driver.version');
    need(typeof driver.informationUri === 'string' && URL.canParse(driver.informationUri), 'driver.informationUri is a URI');
    const rules = driver.rules as Json[];
    need(Array.isArray(rules), 'driver.rules is an array');
    const ids = new Set<string>();
    for (const rule of rules ?? []) {
      need(typeof rule.id === 'string' && !ids.has(rule.id), `rule id unique: ${String(rule.id)}`);
      ids.add(rule.id as string);
      only(rule, 'reportingDescriptor');
      only(rule.shortDescription, 'multiformatMessageString');
      only(rule.help, 'multiformatMessageString');
      only(rule.defaultConfiguration, 'reportingConfiguration');
      if (rule.help !== undefined) need(isObject(rule.help) && typeof rule.help.text === 'string', `rule ${String(rule.id)} help.text`);
      need(isObject(rule.shortDescription) && typeof rule.shortDescription.text === 'string', `rule ${String(rule.id)} shortDescription.text`);
      need(typeof rule.helpUri === 'string' && URL.canParse(rule.helpUri) && (rule.helpUri as string).endsWith(`#${String(rule.id)}`), `rule ${String(rule.id)} helpUri`);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      need(['none', 'note', 'warning', 'error'].includes(level as string), `rule ${String(rule.id)} defaultConfiguration.level`);
    }
    const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    need(Array.isArray(run.results), 'run.results is an array');
    for (const result of (run.results as Json[]) ?? []) {
      only(result, 'result');
      only(result.message, 'message');
      need(isObject(result.message) && typeof result.message.text === 'string', 'result.message.text');
      need(typeof result.ruleId === 'string' && ids.has(result.ruleId), `result.ruleId is a rule: ${String(result.ruleId)}`);
      if (result.ruleIndex !== undefined) need(rules[result.ruleIndex as number]?.id === result.ruleId, 'ruleIndex points at ruleId');
      need(['none', 'note', 'warning', 'error'].includes(result.level as string), 'result.level');
      for (const location of (result.locations as Json[]) ?? []) {
        const physical = location.physicalLocation as Json;
        const artifact = physical?.artifactLocation as Json;
        const region = physical?.region as Json;
        only(location, 'location');
        only(physical, 'physicalLocation');
        only(artifact, 'artifactLocation');
        only(region, 'region');
        need(typeof artifact?.uri === 'string' && !/[\s\\]/.test(artifact.uri as string), 'artifactLocation.uri is a URI reference');
        if (artifact?.uriBaseId !== undefined) {
          const base = bases[artifact.uriBaseId as string];
          need(isObject(base) && typeof base.uri === 'string' && (base.uri as string).endsWith('/'), 'uriBaseId is defined and ends with /');
        }
        need(isPositiveInt(region?.startLine) && isPositiveInt(region?.startColumn), 'region start ≥ 1');
        need(isPositiveInt(region?.endLine) && (region.endLine as number) >= (region.startLine as number), 'region endLine ≥ startLine');
        need(isPositiveInt(region?.endColumn), 'region endColumn ≥ 1');
      }
    }
  }
  return bad;
}

test('the SARIF validator rejects a log that breaks the schema', () => {
  assert.deepEqual(sarifViolations({ version: '2.1.0', $schema: 'sarif-2.1.0', runs: [{ tool: { driver: { name: 'x', version: '1', informationUri: 'file:///r', rules: [] } }, results: [] }] }), []);
  assert.ok(sarifViolations({ version: '2.0.0', runs: [] }).length >= 2);
  const noRule = { version: '2.1.0', $schema: 'sarif-2.1.0', runs: [{ tool: { driver: { name: 'x', version: '1', informationUri: 'file:///r', rules: [] } }, results: [{ ruleId: 'r', level: 'error', message: { text: 'm' } }] }] };
  assert.deepEqual(sarifViolations(noRule), ['result.ruleId is a rule: r']);
  const misspelt = { version: '2.1.0', $schema: 'sarif-2.1.0', runs: [{ tool: { driver: { name: 'x', version: '1', informationUri: 'file:///r', rules: [], helpUrl: 'x' } }, results: [] }] };
  assert.deepEqual(sarifViolations(misspelt), ['toolComponent has no property helpUrl']);
});

test('check --format sarif is a valid SARIF 2.1.0 log with every rule, its help link and level', () => {
  const r = cli(['check', '--format', 'sarif', 'events.datasource'], { cwd: SIGN });
  assert.equal(r.code, 1);
  const log = JSON.parse(r.out);
  assert.deepEqual(sarifViolations(log), []);
  const [run] = log.runs;
  assert.equal(run.tool.driver.rules.length, RULES.length + 1); // every rule, and the engine's
  const result = run.results.find((x: Json) => x.ruleId === 'engine-sign');
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'events.datasource', uriBaseId: 'SRCROOT' });
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${SIGN}/`);
  assert.equal(result.locations[0].physicalLocation.region.startLine, 6);
  const rule = run.tool.driver.rules.find((x: Json) => x.id === 'engine-sign');
  assert.match(rule.helpUri, /README\.md#engine-sign$/);
});
