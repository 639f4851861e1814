// The extension manifest: what an untrusted (Restricted Mode) workspace may not configure.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;

// Settings that choose an executable to spawn, or where requests (with tokens) are sent.
const DANGEROUS = ['tinybird.format.tbPath', 'tinybird.format.provider', 'tinybird.engine.path', 'tinybird.environments', 'tinybird.defaultEnvironment'];

test('untrusted workspaces get limited support with every dangerous setting restricted', () => {
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.equal(typeof untrusted.description, 'string');
  for (const key of DANGEROUS) assert.ok(untrusted.restrictedConfigurations.includes(key), key);
  for (const key of untrusted.restrictedConfigurations) assert.ok(properties[key], `${key} is a real setting`);
});

test('the executable paths (tb, and the folder chDB is loaded from) can only be set on the machine, never by a workspace', () => {
  assert.equal(properties['tinybird.format.tbPath'].scope, 'machine');
  assert.equal(properties['tinybird.engine.path'].scope, 'machine');
});
