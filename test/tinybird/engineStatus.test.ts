import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineStatusView } from '../../client/tinybird/engineStatusView';

test('a missing engine offers Install Local Engine on click; a failed one is shown as a warning', () => {
  const missing = engineStatusView({ state: 'unavailable', message: 'chDB is not installed' });
  assert.equal(missing.command, 'tinybird.installLocalEngine');
  assert.equal(missing.tooltip, 'chDB is not installed');
  assert.equal(missing.warning, false);
  const failed = engineStatusView({ state: 'failed', message: 'crashed twice' });
  assert.equal(failed.warning, true);
  assert.equal(failed.command, undefined);
  assert.match(engineStatusView({ state: 'starting', message: '' }).text, /~spin/);
  assert.doesNotMatch(engineStatusView({ state: 'ready', message: '' }).text, /~spin/);
});
