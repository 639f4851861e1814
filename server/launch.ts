// dist/server.js: runs the language server's bundle (dist/server-core.js) through V8's code cache, so
// a start skips parsing and compiling most of it. The cache is stored once the initial diagnostics are
// sent, so it holds the functions a start runs. Its folder: `--code-cache-dir DIR` (the extension
// passes its global storage), else the CLI's cache folder.
import * as path from 'node:path';
import { cacheDir } from '../cli/cache';
import { loadBundle } from '../cli/codeCache';

const at = process.argv.indexOf('--code-cache-dir');
const dir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : cacheDir();
const core = loadBundle(path.join(__dirname, 'server-core.js'), dir);
(core.exports as typeof import('./server')).startServer(() => core.save());
