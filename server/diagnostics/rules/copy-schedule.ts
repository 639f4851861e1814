// COPY_SCHEDULE must be `@on-demand` or a cron expression croniter accepts.
import type { Finding, Rule } from '../rule';
import { cronProblem } from '../../workspace/cron';
import { explicitNodes } from '../support/nodes';

export const rule: Rule = {
  id: 'copy-schedule',
  severity: 'error',
  category: 'lineage',
  summary: 'COPY_SCHEDULE is neither `@on-demand` nor a valid cron expression.',
  check({ file }) {
    const findings: Finding[] = [];
    for (const node of explicitNodes(file)) {
      const schedule = node.node.attrs.get('copy_schedule');
      if (node.type !== 'copy' || !schedule || schedule.value.toLowerCase() === '@on-demand') continue;
      const problem = cronProblem(schedule.value);
      if (!problem) continue;
      findings.push({
        span: schedule.span,
        message: `Cannot create Copy pipe. Invalid cron expression: '${schedule.value}' (${problem}). Use @on-demand or five cron fields, e.g. 0 * * * *.`,
      });
    }
    return findings;
  },
};
