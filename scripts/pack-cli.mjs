// `npm run pack:cli`: the CLI as a package of its own, dist/tinybird-datafiles-cli-<version>.tgz.
// Its package.json is generated into dist/cli-package/: the bundles carry every dependency, so it has
// none; chDB (for `run` and `check --engine`) is optional and never loaded by fmt or check.
// `--out DIR` packs into DIR instead of dist/ (the tests do), from the bundles already built.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outAt = process.argv.indexOf('--out');
const destination = outAt > 0 ? resolve(process.argv[outAt + 1]) : join(root, 'dist');
const out = join(destination, 'cli-package');
const bundles = ['cli.js', 'cli-fmt.js', 'cli-check.js', 'cli-tools.js', 'engine.js'];
for (const file of bundles) if (!existsSync(join(root, 'dist', file))) throw new Error(`dist/${file} is missing: run npm run build first`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of bundles) copyFileSync(join(root, 'dist', file), join(out, file));
for (const file of ['README.md', 'LICENSE']) copyFileSync(join(root, file), join(out, file));
const pkg = {
  name: 'tinybird-datafiles-cli',
  version: main.version,
  description: 'tb-datafiles: format (byte for byte like tb fmt) and check Tinybird classic datafiles, in CI or pre-commit.',
  license: main.license,
  bin: { 'tb-datafiles': 'cli.js' },
  files: [...bundles, 'README.md', 'LICENSE'],
  engines: { node: main.engines.node },
  optionalDependencies: main.optionalDependencies,
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: out, encoding: 'utf8' }));
console.log(`${relative(process.cwd(), join(destination, packed.filename))}: ${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.entryCount} files`);
