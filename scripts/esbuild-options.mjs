// The esbuild options every bundle of this repository is built with: the product's (scripts/build.mjs),
// the test files' (scripts/test.mjs) and the bench's (scripts/bench.mjs), so all three run the same code.
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
