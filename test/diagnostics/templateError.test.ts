// template-error: Tinybird's exception and message on the tag that raises it, for the renders that need no
// particular request (test mode, and every parameter set to its default or a sample value of its type).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultRequest, sampleValue } from '../../server/template/check';
import { parseTemplate, templateParams } from '../../server/template';
import { attributeOnlyNames } from '../../server/template/params';
import { CORPUS, FIXTURES, findingsIn, loadWorkspace } from './helpers';

const TEST_MODE = 'in test mode, as tb check and tb push render it';
const DEFAULTS = 'with every parameter set to its default or a sample value of its type';

/** `file:line "source text of the range" message` of every template-error finding under `root`. */
function templateErrors(root: string): string[] {
  return findingsIn(loadWorkspace(root), root)
    .filter((f) => f.found.rule.id === 'template-error')
    .map((f) => `${f.where} ${JSON.stringify(f.file.parsed.text.slice(f.found.finding.span.start, f.found.finding.span.end))} ${f.found.finding.message}`);
}

const fixture = (name: string) => templateErrors(path.join(FIXTURES, 'template-error', name));

test('a template that renders in test mode and with its defaults has no template-error', () => {
  assert.deepEqual(fixture('ok-clean-template'), []);
});

test('a node whose template does not parse is left to template-syntax', () => {
  assert.deepEqual(fixture('ok-syntax-error-left-to-template-syntax'), []);
});

test('loop.first (a Jinja name Tinybird does not provide) fails once the loop runs, on the loop.first expression', () => {
  assert.deepEqual(fixture('flags-loop-first'), [
    `p.pipe:9 "loop.first" AttributeError: 'NoneType' object has no attribute 'first' (node 'n', ${DEFAULTS})`,
  ]);
});

test('a default that does not validate as its type fails in test mode and with the defaults', () => {
  assert.deepEqual(fixture('flags-default-fails-validation'), [
    `p.pipe:5 "{{ DateTime(since, 'yesterday') }}" SQLTemplateException: Template Syntax Error: Error validating 'yesterday' to type DateTime (node 'n', ${TEST_MODE}, and ${DEFAULTS})`,
  ]);
});

test('error() reached in test mode is reported with what it raises', () => {
  assert.deepEqual(fixture('flags-error-reached-in-test-mode'), [
    `p.pipe:6 "{{ error('site is required') }}" ValueError: site is required (node 'n', ${TEST_MODE})`,
  ]);
});

test('an elif condition that fails is reported on the elif tag, not on its if', () => {
  assert.deepEqual(fixture('flags-elif-condition'), [
    `p.pipe:7 "{% elif Int32(mode, 'many') > 1 %}" SQLTemplateException: Template Syntax Error: Error validating 'many' to type Int32 (node 'n', ${TEST_MODE}, and ${DEFAULTS})`,
  ]);
});

test('the sample request: first default, else a sample of the first non-String type; names read only as objects are left unset', () => {
  const template = "{% if defined(n) %}{{ Int32(n) }}{% end %}{{ String(s, 'a') }}{{ Array(ids, 'Int8') }}{% for r in rs %}{% if loop.index %}{% set u = r.upper() %}{% end %}{% end %}";
  const objects = attributeOnlyNames(parseTemplate(template).chunks);
  assert.deepEqual([...objects], ['loop']);
  assert.deepEqual(Object.fromEntries(defaultRequest(templateParams(template), objects)), { n: '1', s: 'a', ids: '1,1', rs: 'x', r: 'x', u: 'x' });
  assert.equal(sampleValue('DateTime'), '2024-01-01 00:00:00');
  assert.equal(sampleValue('Array(String)'), 'x,x');
  assert.equal(sampleValue('Boolean'), '1');
});

test('the crowd.dev corpus has exactly one template error: loop.first in activities_relations_filtered', () => {
  assert.deepEqual(templateErrors(CORPUS), [
    `pipes/activities_relations_filtered.pipe:120 "loop.first" AttributeError: 'NoneType' object has no attribute 'first' (node 'filtered_relations', ${DEFAULTS})`,
  ]);
});
