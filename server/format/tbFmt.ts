// Delegates formatting to the user's own `tb fmt`: the text is written to a temporary copy with the
// same file name, formatted there with `tb fmt --yes`, and read back. The user's file is never touched.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FormatResult } from './datafile';

export interface TbFmtOptions {
  /** The `tb` executable (a name on PATH or a path). */
  command: string;
  lineLength?: number;
  timeoutMs?: number;
}

export async function formatWithTb(text: string, fileName: string, options: TbFmtOptions): Promise<FormatResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tb-fmt-'));
  const copy = path.join(dir, path.basename(fileName));
  try {
    await fs.writeFile(copy, text, 'utf8');
    const args = ['fmt', '--yes', ...(options.lineLength ? ['--line-length', String(options.lineLength)] : []), copy];
    // TB_VERSION_WARNING=0 skips the PyPI version check that fails offline.
    const env = { ...process.env, TB_VERSION_WARNING: '0', TB_CLI_TELEMETRY_OPTOUT: '1' };
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(options.command, args, { env, cwd: dir, timeout: options.timeoutMs ?? 30_000 }, (error, stdout, stderr) => {
        if (!error) return resolve(undefined);
        const output = `${stderr}\n${stdout}`.trim().split('\n').filter(Boolean).pop();
        resolve(`${options.command} fmt failed: ${output ?? error.message}`);
      });
    });
    if (failure) return { ok: false, error: failure };
    return { ok: true, text: await fs.readFile(copy, 'utf8') };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
