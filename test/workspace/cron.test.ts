import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronProblem, describeCron, formatUtc, isOnDemand, nextRun, parseCron } from '../../server/workspace/cron';

const NOW = new Date('2025-03-14T12:34:56Z');

describe('cron', () => {
  it('parses lists, ranges, steps and names', () => {
    const c = parseCron('*/15 9-17 * JAN,mar MON-FRI');
    assert.deepEqual(c.minutes.values, [0, 15, 30, 45]);
    assert.deepEqual(c.hours.values, [9, 10, 11, 12, 13, 14, 15, 16, 17]);
    assert.deepEqual(c.months.values, [1, 3]);
    assert.deepEqual(c.weekdays.values, [1, 2, 3, 4, 5]);
    assert.deepEqual(parseCron('0 0 * * 7').weekdays.values, [0]);
  });

  it('rejects invalid expressions with a reason', () => {
    assert.throws(() => parseCron('* * * *'), /expected 5 fields/);
    assert.throws(() => parseCron('60 * * * *'), /outside 0-59/);
    assert.throws(() => parseCron('*/0 * * * *'), /invalid step/);
    assert.match(describeCron('0 25 * * *'), /^invalid schedule/);
  });

  it('describes common schedules in words', () => {
    assert.equal(describeCron('10 * * * *'), 'every hour at minute 10 (UTC)');
    assert.equal(describeCron('0 * * * *'), 'every hour, on the hour (UTC)');
    assert.equal(describeCron('*/15 * * * *'), 'every 15 minutes (UTC)');
    assert.equal(describeCron('10 3 * * *'), 'every day at 03:10 (UTC)');
    assert.equal(describeCron('0 */6 * * *'), 'every day every 6 hours at minute 0 (UTC)');
    assert.equal(describeCron('0 0 * * 1'), 'at 00:00, on Monday (UTC)');
    assert.equal(describeCron('30 2 1 * *'), 'at 02:30, on day 1 of the month (UTC)');
    assert.equal(describeCron('@daily'), 'every day at 00:00 (UTC)');
    assert.equal(describeCron('@on-demand'), 'on demand only');
  });

  it('computes the next run after an injected now (UTC)', () => {
    assert.equal(formatUtc(nextRun('10 * * * *', NOW)!), '2025-03-14 13:10 UTC');
    assert.equal(formatUtc(nextRun('10 3 * * *', NOW)!), '2025-03-15 03:10 UTC');
    assert.equal(formatUtc(nextRun('*/15 * * * *', NOW)!), '2025-03-14 12:45 UTC');
    assert.equal(formatUtc(nextRun('0 0 * * 1', NOW)!), '2025-03-17 00:00 UTC');
    assert.equal(formatUtc(nextRun('0 0 29 2 *', NOW)!), '2028-02-29 00:00 UTC');
    assert.equal(formatUtc(nextRun('0 0 1 * 5', NOW)!), '2025-03-21 00:00 UTC', 'day-of-month OR weekday when both are set');
    assert.equal(nextRun('0 0 31 2 *', NOW), undefined);
    assert.equal(nextRun('@on-demand', NOW), undefined);
    assert.ok(isOnDemand(undefined) && isOnDemand(' @ON-DEMAND '));
  });
});

describe('cronProblem (what tb push accepts)', () => {
  it('accepts five- and six-field expressions, names, steps, ranges, macros and croniter extensions', () => {
    for (const ok of ['10 3 * * *', '*/15 * * * *', '0 0 1-15/2 jan-jun mon', '0 0 L * *', '0 0 * * 5#3', '0 0 * * * 30', '@hourly', '@daily']) {
      assert.equal(cronProblem(ok), undefined, ok);
    }
  });

  it('names what is wrong', () => {
    assert.equal(cronProblem('0 3 * *'), 'expected 5 fields, found 4');
    assert.equal(cronProblem('61 * * * *'), '61 is out of range for the minute field (0-59)');
    assert.equal(cronProblem('0 0 * foo *'), "'foo' is not valid in the month field");
    assert.equal(cronProblem('*/0 * * * *'), 'step 0 in the minute field');
    assert.equal(cronProblem('1-2-3 * * * *'), "'1-2-3' is not a valid range");
  });
});

describe('describeCron with croniter extensions', () => {
  it('shows a valid expression it cannot put in words as written, and names the problem of an invalid one', () => {
    assert.equal(describeCron('0 0 L * *'), 'on the cron schedule 0 0 L * * (UTC)');
    assert.equal(describeCron('61 * * * *'), 'invalid schedule (61 is out of range for the minute field (0-59))');
  });
});
