// JUnit XML for CI: one <testsuite> per test file, one <testcase> per case.
import * as path from 'node:path';
import type { CaseResult } from '../server/engine/pipeTests';

function xml(text: string): string {
  // Control characters other than tab and newlines are not allowed in XML 1.0.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junitXml(results: readonly CaseResult[], details: (r: CaseResult) => string, cwd = process.cwd()): string {
  const files = [...new Set(results.map((r) => r.file))];
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites = files.map((file) => {
    const cases = results.filter((r) => r.file === file);
    const name = xml(path.relative(cwd, file) || file);
    const failures = cases.filter((c) => !c.passed).length;
    const body = cases.map((c) => {
      const open = `    <testcase classname="${name}" name="${xml(c.name)}" time="${seconds(c.ms)}"`;
      if (c.passed) return `${open}/>`;
      return `${open}>\n      <failure message="${xml(c.message ?? 'failed')}">${xml(details(c))}</failure>\n    </testcase>`;
    });
    const time = seconds(cases.reduce((s, c) => s + c.ms, 0));
    return `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0" time="${time}">\n${body.join('\n')}\n  </testsuite>`;
  });
  const failures = results.filter((r) => !r.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tb-datafiles test" tests="${results.length}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
