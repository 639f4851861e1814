// Lists a VSIX's files and fails if it ships anything it should not (source maps, sources, tests
// or fixtures, environment files, text that looks like a Tinybird token) or lacks a bundle that the
// shipped code loads.
// Usage: node scripts/check-vsix.mjs dist/tinybird-datafiles.vsix
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The entries of a zip file: name and uncompressed content, from its central directory. */
function zipEntries(zip) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    entries.push({ name, content: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + nameLength + extra;
  }
  return entries;
}

const FORBIDDEN_NAMES = [/\.map$/, /\.ts$/, /(^|\/)test\//, /fixtures?\//, /(^|\/)\.env/, /\.vsix$/, /node_modules\//];
// Tinybird tokens are `p.` followed by a base64 JWT-like payload.
const TOKEN = /\bp\.eyJ[A-Za-z0-9_-]{20,}/;

// The extension starts the server (server.js loads server-core.js) and the engine; cli.js loads the command bundles.
const REQUIRED = ['extension.js', 'server.js', 'server-core.js', 'engine.js', 'cli.js', 'cli-fmt.js', 'cli-check.js', 'cli-tools.js'].map((f) => `extension/dist/${f}`);

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-vsix.mjs FILE.vsix');
  process.exit(2);
}
const problems = [];
const entries = zipEntries(readFileSync(file));
const names = new Set(entries.map((e) => e.name));
for (const required of REQUIRED) if (!names.has(required)) problems.push(`${required}: missing (the shipped code loads it)`);
for (const { name, content } of entries) {
  console.log(`${name} ${content.length}`);
  if (FORBIDDEN_NAMES.some((re) => re.test(name))) problems.push(`${name}: should not be shipped`);
  if (TOKEN.test(content.toString('latin1'))) problems.push(`${name}: contains something that looks like a Tinybird token`);
}
for (const problem of problems) console.error(problem);
process.exit(problems.length ? 1 : 0);
