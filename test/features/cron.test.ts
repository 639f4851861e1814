import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCron, formatUtc, isOnDemand, nextRun, parseCron } from '../../server/features/cron';

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
