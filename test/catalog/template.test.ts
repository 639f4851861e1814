import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  FORBIDDEN_TEMPLATE_TAGS,
  RESERVED_PARAM_NAMES,
  TEMPLATE_BLOCK_KEYWORDS,
  TEMPLATE_FUNCTIONS,
  TEMPLATE_METHODS,
  templateFunction,
  VALID_FUNCTION_NAMES,
} from '../../server/catalog/template';
import { allowedMethods, forbiddenTags, readReference, reservedParamNames, validFunctionNames } from './referenceParse';

const md = readReference();

test('template functions cover exactly VALID_FUNCTION_NAMES of the reference', () => {
  const expected = validFunctionNames(md);
  assert.ok(expected.length > 40, `parsed only ${expected.length} names`);
  assert.deepEqual([...TEMPLATE_FUNCTIONS.map((f) => f.name)].sort(), [...expected].sort());
  assert.deepEqual(VALID_FUNCTION_NAMES, expected);
});

test('every template function is documented with a signature, parameters and a snippet', () => {
  const names = new Set<string>();
  for (const f of TEMPLATE_FUNCTIONS) {
    assert.ok(!names.has(f.name), `duplicate ${f.name}`);
    names.add(f.name);
    assert.ok(f.signature.startsWith(`${f.name}(`), f.name);
    assert.ok(f.description.length > 20, f.name);
    assert.ok(f.parameters.length > 0, f.name);
    assert.ok(f.snippet.startsWith(`${f.name}(`) && /\$\{1[:|]/.test(f.snippet), `${f.name}: ${f.snippet}`);
    for (const p of f.parameters) assert.ok(p.documentation.length > 0, `${f.name}.${p.name}`);
    if (f.aliasOf) assert.ok(templateFunction(f.aliasOf), `${f.name} → ${f.aliasOf}`);
  }
});

test('type functions share the Type(param, default=None, defined=True, …) signature', () => {
  const types = TEMPLATE_FUNCTIONS.filter((f) => f.kind === 'type');
  assert.ok(types.length >= 20);
  for (const f of types) {
    const names = f.parameters.map((p) => p.name);
    for (const kw of ['default', 'defined', 'required', 'description', 'enum', 'example', 'format']) assert.ok(names.includes(kw), `${f.name} lacks ${kw}`);
    assert.ok(f.clickhouseType, f.name);
  }
  const s = templateFunction('String');
  assert.equal(s?.signature, 'String(param, default=None, defined=True, required=None, description=None, enum=None, example=None, format=None)');
  assert.equal(s?.snippet, "String(${1:param_name}, ${2:'default'})");
  assert.equal(templateFunction('Int32')?.clickhouseType, 'Int32');
  assert.equal(templateFunction('Array')?.parameters[1].name, 'type');
  assert.equal(templateFunction('string'), undefined, 'case-sensitive');
});

test('helpers of §3.1 are present with their parameters', () => {
  assert.deepEqual(templateFunction('columns')?.parameters.map((p) => p.name), ['names', 'default', 'fn']);
  assert.deepEqual(templateFunction('split_to_array')?.parameters.map((p) => p.name), ['value', 'default', 'separator']);
  assert.ok(templateFunction('sql_and')?.parameters[0].variadic);
  assert.equal(templateFunction('TABLE')?.aliasOf, 'table');
  for (const n of ['defined', 'column', 'symbol', 'enumerate_with_last', 'day_diff', 'date_diff_in_days', 'sql_unescape', 'error', 'custom_error', 'max_threads', 'backend_hint', 'cache_ttl', 'activate', 'tb_secret', 'tb_var']) {
    assert.equal(templateFunction(n)?.kind, 'helper', n);
  }
});

test('methods, block keywords, forbidden tags and reserved names match the reference', () => {
  assert.deepEqual(TEMPLATE_METHODS.map((m) => m.name), allowedMethods(md));
  assert.deepEqual(FORBIDDEN_TEMPLATE_TAGS.map((t) => t.name), forbiddenTags(md));
  assert.deepEqual([...RESERVED_PARAM_NAMES].sort(), reservedParamNames(md).sort());
  assert.deepEqual(
    TEMPLATE_BLOCK_KEYWORDS.map((k) => k.name).sort(),
    ['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'set', 'comment', 'end', 'whitespace', 'break', 'continue'].sort(),
  );
  const opens = TEMPLATE_BLOCK_KEYWORDS.filter((k) => k.opensBlock).map((k) => k.name).sort();
  assert.deepEqual(opens, ['for', 'if', 'try', 'while']);
  for (const k of TEMPLATE_BLOCK_KEYWORDS) {
    assert.ok(k.snippet.startsWith(`{% ${k.name}`), k.name);
    if (k.opensBlock) assert.ok(k.snippet.endsWith('{% end %}'), k.name);
  }
});
