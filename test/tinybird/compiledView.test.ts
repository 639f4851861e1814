import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compiledPath, compiledText, targetOf } from '../../client/tinybird/compiledView';

describe('compiled SQL documents', () => {
  it('name the tab after pipe and node and keep the source URI', () => {
    const source = 'file:///w/pipes/my%20pipe.pipe';
    const p = compiledPath({ source, node: 'endpoint' });
    assert.deepEqual(p, { path: '/my pipe/endpoint.sql', query: source });
    assert.deepEqual(targetOf(p.path, p.query), { source, node: 'endpoint' });
    assert.equal(targetOf('/x', source), undefined);
    assert.equal(targetOf('/p/n.sql', ''), undefined);
  });

  it('say what is shown, then the SQL or the error', () => {
    assert.equal(compiledText({ ok: true, sql: '\nSELECT 1' }, 'n', false, {}), '-- node SQL of n · test mode (no parameter values set)\nSELECT 1\n');
    assert.equal(
      compiledText({ ok: true, sql: 'SELECT 1\n' }, 'n', true, { a: '1', b: 'x' }),
      '-- resolved query of n · parameters: a=1, b=x\nSELECT 1\n',
    );
    assert.equal(
      compiledText({ ok: false, kind: 'AttributeError', message: "'NoneType' object has no attribute 'first'", node: 'other', line: 119 }, 'n', true, {}),
      "-- resolved query of n · test mode (no parameter values set)\n-- Template error (node other, line 120): AttributeError: 'NoneType' object has no attribute 'first'\n",
    );
  });
});
