// Delegates formatting to the user's own `tb fmt`. The text goes to a hidden temporary copy in the
// file's own folder (INCLUDE paths resolve against that folder), is formatted there with
// `tb fmt --yes`, and is read back; the copy is always removed. The user's file is never touched.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TB_FMT_COPY_MARK } from '../workspace/fileRole';
import type { FormatResult } from './datafile';

export interface TbFmtOptions {
  /** The `tb` executable (a name on PATH or a path). */
  command: string;
  lineLength?: number;
  timeoutMs?: number;
}

/** `.name.tbfmt-1a2b3c.pipe`: hidden, ending like the original so tb reads it as the same kind, and
 * ignored by the language server (`roleOf`). */
function temporaryCopyPath(fileName: string): string {
  const base = path.basename(fileName);
  const dot = base.indexOf('.');
  const [stem, ext] = dot < 0 ? [base, ''] : [base.slice(0, dot), base.slice(dot)];
  return path.join(path.dirname(path.resolve(fileName)), `.${stem}${TB_FMT_COPY_MARK}${randomBytes(4).toString('hex')}${ext}`);
}

export async function formatWithTb(text: string, fileName: string, options: TbFmtOptions): Promise<FormatResult> {
  const copy = temporaryCopyPath(fileName);
  try {
    await fs.writeFile(copy, text, { encoding: 'utf8', flag: 'wx' });
    const args = ['fmt', '--yes', ...(options.lineLength ? ['--line-length', String(options.lineLength)] : []), copy];
    // TB_VERSION_WARNING=0 skips the PyPI version check that fails offline.
    const env = { ...process.env, TB_VERSION_WARNING: '0', TB_CLI_TELEMETRY_OPTOUT: '1' };
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(options.command, args, { env, cwd: path.dirname(copy), timeout: options.timeoutMs ?? 30_000 }, (error, stdout, stderr) => {
        if (!error) return resolve(undefined);
        const output = `${stderr}\n${stdout}`.trim().split('\n').filter(Boolean).pop();
        resolve(`${options.command} fmt failed: ${output ?? error.message}`);
      });
    });
    if (failure) return { ok: false, error: failure };
    return { ok: true, text: await fs.readFile(copy, 'utf8') };
  } catch (e) {
    return { ok: false, error: `could not run ${options.command} fmt next to ${fileName}: ${e instanceof Error ? e.message : e}` };
  } finally {
    await fs.rm(copy, { force: true });
  }
}
