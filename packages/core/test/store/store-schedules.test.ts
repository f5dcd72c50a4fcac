// Schedules and their claims: a due schedule is claimed by one UPDATE … RETURNING, so of several
// instances (separate connections) ticking at once exactly one starts its run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { ScheduleInput, ScheduleRecord } from '../../src/store/types.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';

const T0 = '2026-12-01T06:00:00.000Z';
const T1 = '2026-12-01T06:00:30.000Z';
const NEXT = '2026-12-02T06:00:00.000Z';
const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  searchTerm: 'IT',
  cvKey: 'c'.repeat(64),
  maxPages: 3,
  cron: '0 7 * * *',
  timeZone: 'Europe/Zurich',
  enabled: true,
  alertThreshold: 8,
  nextRunAt: T0,
  ...over,
});
const claimOf = (schedule: ScheduleRecord, claimant: string, now = T1, ttlEnd = '2026-12-01T06:05:30.000Z') => ({
  id: schedule.id,
  now,
  nextRunAt: NEXT,
  cron: schedule.cron,
  timeZone: schedule.timeZone,
  claimant,
  claimExpiresAt: ttlEnd,
});

describe.each(testProviders())('store: schedules and their claims (%s)', (provider) => {
  let t: TestStore;
  let other: Store;
  beforeEach(async () => {
    t = await openTestStore(provider);
    other = await openStore({ url: t.database.url, migrate: false });
  });
  afterEach(async () => {
    await other.close();
    await t.cleanup();
  });

  it('creates, reads, lists, changes and deletes schedules, enabled flag and defaults included', async () => {
    const created = await t.store.createSchedule(input());
    expect(created).toMatchObject({
      searchTerm: 'IT',
      enabled: true,
      alertThreshold: 8,
      nextRunAt: T0,
      claimedBy: null,
      lastRunId: null,
    });
    const second = await t.store.createSchedule(input({ searchTerm: 'analyst', enabled: false, nextRunAt: null }));
    expect(second.enabled).toBe(false);
    expect((await t.store.listSchedules()).map((s) => s.id)).toEqual([created.id, second.id]);
    const changed = await t.store.updateSchedule(created.id, { enabled: false, nextRunAt: null, maxPages: 7 });
    expect(changed).toMatchObject({ enabled: false, nextRunAt: null, maxPages: 7, cron: '0 7 * * *' });
    expect(await t.store.getSchedule(created.id)).toEqual(changed);
    expect(await t.store.updateSchedule(424242, { maxPages: 1 })).toBeNull();
    expect(await t.store.deleteSchedule(created.id)).toBe(true);
    expect(await t.store.deleteSchedule(created.id)).toBe(false);
    expect(await t.store.getSchedule(created.id)).toBeNull();
  });

  it('lists as due only enabled schedules whose time has come', async () => {
    const due = await t.store.createSchedule(input());
    await t.store.createSchedule(input({ searchTerm: 'later', nextRunAt: NEXT }));
    await t.store.createSchedule(input({ searchTerm: 'off', enabled: false }));
    expect((await t.store.dueSchedules(T1)).map((s) => s.id)).toEqual([due.id]);
  });

  it('two instances claiming the same due schedule at once: exactly one wins', async () => {
    const schedule = await t.store.createSchedule(input());
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        t.store.claimSchedule(claimOf(schedule, 'a')),
        other.claimSchedule(claimOf(schedule, 'b')),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ nextRunAt: NEXT, claimExpiresAt: '2026-12-01T06:05:30.000Z' });
      // Claimed: not due again, for anybody, until released or expired.
      expect(await t.store.dueSchedules(T1)).toEqual([]);
      expect(await other.claimSchedule(claimOf(schedule, 'c'))).toBeNull();
      // Reset for the next round.
      await t.store.finishScheduleClaim({ id: schedule.id, claimant: winners[0]!.claimedBy!, runId: 1, error: null });
      await t.store.updateSchedule(schedule.id, { nextRunAt: T0 });
    }
  });

  it('the claimant records the run and releases; another claimant cannot release it', async () => {
    const schedule = await t.store.createSchedule(input());
    await t.store.claimSchedule(claimOf(schedule, 'a'));
    expect(await other.finishScheduleClaim({ id: schedule.id, claimant: 'b', runId: 9, error: null })).toBe(false);
    expect(await t.store.finishScheduleClaim({ id: schedule.id, claimant: 'a', runId: 7, error: null })).toBe(true);
    expect(await t.store.getSchedule(schedule.id)).toMatchObject({
      claimedBy: null,
      claimExpiresAt: null,
      lastRunId: 7,
      lastError: null,
      nextRunAt: NEXT,
    });
    // A start that ran nothing keeps the last run and says why.
    await t.store.updateSchedule(schedule.id, { nextRunAt: T0 });
    await t.store.claimSchedule(claimOf(schedule, 'a'));
    await t.store.finishScheduleClaim({ id: schedule.id, claimant: 'a', runId: null, error: 'already running' });
    expect(await t.store.getSchedule(schedule.id)).toMatchObject({ lastRunId: 7, lastError: 'already running' });
  });

  it('the claim of an instance that died expires and another instance takes the schedule', async () => {
    const schedule = await t.store.createSchedule(input());
    expect(await t.store.claimSchedule(claimOf(schedule, 'dead', T1, '2026-12-01T06:01:00.000Z'))).not.toBeNull();
    const before = '2026-12-01T06:00:59.000Z';
    expect(await other.claimSchedule(claimOf(schedule, 'b', before))).toBeNull();
    const after = '2026-12-01T06:01:00.000Z';
    expect((await other.dueSchedules(after)).map((s) => s.id)).toEqual([schedule.id]);
    expect(await other.claimSchedule(claimOf(schedule, 'b', after, '2026-12-01T06:06:00.000Z'))).toMatchObject({
      claimedBy: 'b',
    });
  });

  it('a claim computed from a cron that has changed meanwhile fails', async () => {
    const schedule = await t.store.createSchedule(input());
    await other.updateSchedule(schedule.id, { cron: '0 8 * * *' });
    expect(await t.store.claimSchedule(claimOf(schedule, 'a'))).toBeNull();
  });
});
