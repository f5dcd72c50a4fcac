// The alert outbox: which matches are new to a CV, never the same posting twice per channel, and
// claims that give each due delivery to exactly one of several instances (separate connections).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { AlertClaim, RunInput } from '../../src/store/types.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';

const CV = 'a'.repeat(64);
const OTHER_CV = 'b'.repeat(64);
const url = (n: number) => `https://www.ostjob.ch/job/alert-${n}/${2_000_000 + n}`;
const runInput = (searchTerm: string, cvKey = CV): RunInput => ({
  searchTerm,
  cvKey,
  source: 'demo',
  matcher: 'stub',
  model: null,
  maxPages: 1,
});
const NOW = '2026-12-05T08:00:00.000Z';
const claimAt = (claimant: string, now = NOW, over: Partial<AlertClaim> = {}): AlertClaim => ({
  claimant,
  now,
  claimExpiresAt: new Date(Date.parse(now) + 5 * 60_000).toISOString(),
  channels: ['webhook', 'email'],
  ...over,
});

describe.each(testProviders())('store: alert deliveries (%s)', (provider) => {
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

  async function match(n: number, searchTerm: string, runId: number | null, score: number | null, cvKey = CV) {
    await t.store.insertMatch(sampleMatch(n, { jobUrl: url(n), searchTerm, cvKey, runId, overallMatch: score }));
  }

  it('queues the strong matches new to the CV, once per channel, and none again for a later run', async () => {
    // Known before: an import (no run) of posting 4 under another term of the same CV.
    await match(4, 'legacy', null, 9);
    // Another CV's evaluation of posting 1 does not make it known to this CV.
    await match(1, 'IT', null, 9, OTHER_CV);
    const first = await t.store.createRun(runInput('IT'));
    await match(1, 'IT', first.id, 9); // new, strong
    await match(2, 'IT', first.id, 7); // below the threshold
    await match(3, 'IT', first.id, null); // failed evaluation
    await match(4, 'IT', first.id, 10); // known to the CV before this run
    await match(5, 'IT', first.id, 8); // new, exactly at the threshold
    const request = {
      runId: first.id,
      minScore: 8,
      mode: 'run',
      channels: ['webhook', 'email'],
      dueAt: NOW,
      scheduleId: null,
    } as const;
    expect(await t.store.queueRunAlerts(request)).toBe(4);
    expect(await t.store.queueRunAlerts(request)).toBe(0);
    const queued = await t.store.listAlertDeliveries();
    expect(queued.map((d) => `${d.channel}:${d.jobUrl}`).sort()).toEqual(
      [`email:${url(1)}`, `email:${url(5)}`, `webhook:${url(1)}`, `webhook:${url(5)}`].sort(),
    );
    expect(queued[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      cvKey: CV,
      runId: first.id,
      dueAt: NOW,
      mode: 'run',
    });

    // A later run of another term copies posting 1's evaluation (not new) and finds posting 6.
    const second = await t.store.createRun(runInput('developer'));
    await match(1, 'developer', second.id, 9);
    await match(6, 'developer', second.id, 9);
    expect(await t.store.queueRunAlerts({ ...request, runId: second.id, channels: ['webhook'] })).toBe(1);
    const webhook = (await t.store.listAlertDeliveries()).filter((d) => d.channel === 'webhook');
    expect(webhook.map((d) => d.jobUrl).sort()).toEqual([url(1), url(5), url(6)].sort());
  });

  it('counts a posting new for both of two concurrent runs of one CV, and queues it once', async () => {
    const a = await t.store.createRun(runInput('IT'));
    const b = await t.store.createRun(runInput('developer'));
    await match(7, 'IT', a.id, 9);
    await match(7, 'developer', b.id, 9);
    const request = { minScore: 8, mode: 'run', channels: ['webhook'], dueAt: NOW, scheduleId: null } as const;
    const counts = await Promise.all([
      t.store.queueRunAlerts({ ...request, runId: b.id }),
      other.queueRunAlerts({ ...request, runId: a.id }),
    ]);
    expect(counts.reduce((x, y) => x + y)).toBe(1);
    expect(await t.store.listAlertDeliveries()).toHaveLength(1);
  });

  it('gives each due delivery to exactly one of two instances claiming at once', async () => {
    const run = await t.store.createRun(runInput('IT'));
    for (let n = 10; n < 40; n++) await match(n, 'IT', run.id, 9);
    await t.store.queueRunAlerts({
      runId: run.id,
      minScore: 8,
      mode: 'run',
      channels: ['webhook', 'email'],
      dueAt: NOW,
      scheduleId: null,
    });
    const seen: number[] = [];
    for (let round = 0; round < 20; round++) {
      const [mine, theirs] = await Promise.all([
        t.store.claimAlertDeliveries(claimAt('A', NOW, { limit: 7 })),
        other.claimAlertDeliveries(claimAt('B', NOW, { limit: 7 })),
      ]);
      expect(mine.length).toBeLessThanOrEqual(7);
      expect(theirs.length).toBeLessThanOrEqual(7);
      seen.push(...mine.map((d) => d.id), ...theirs.map((d) => d.id));
      for (const d of mine) expect(d).toMatchObject({ status: 'sending', claimedBy: 'A', attempts: 1 });
      for (const d of theirs) expect(d).toMatchObject({ status: 'sending', claimedBy: 'B', attempts: 1 });
      if (mine.length + theirs.length === 0) break;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(await t.store.claimAlertDeliveries(claimAt('C'))).toEqual([]);
  });

  it('claims only due deliveries of its channels; sends, retries, gives up; an expired claim is taken over', async () => {
    const run = await t.store.createRun(runInput('IT'));
    await match(1, 'IT', run.id, 9);
    await match(2, 'IT', run.id, 9);
    const later = '2026-12-06T07:00:00.000Z';
    await t.store.queueRunAlerts({
      runId: run.id,
      minScore: 8,
      mode: 'digest',
      channels: ['email'],
      dueAt: later,
      scheduleId: 3,
    });
    await t.store.queueRunAlerts({
      runId: run.id,
      minScore: 8,
      mode: 'run',
      channels: ['webhook'],
      dueAt: NOW,
      scheduleId: null,
    });
    // The digest is not due yet; a webhook-less instance claims nothing.
    expect(await t.store.claimAlertDeliveries(claimAt('A', NOW, { channels: ['email'] }))).toEqual([]);
    const [one, two] = await t.store.claimAlertDeliveries(claimAt('A', NOW, { channels: ['webhook'] }));
    expect([one?.jobUrl, two?.jobUrl].sort()).toEqual([url(1), url(2)]);
    expect(await t.store.markAlertsSent([one!.id], 'A')).toBe(1);
    // Not B's claim: nothing changes.
    expect(await t.store.recordAlertFailure({ ids: [two!.id], claimant: 'B', error: 'x', retryAt: null })).toBe(0);
    const retryAt = '2026-12-05T08:01:00.000Z';
    expect(await t.store.recordAlertFailure({ ids: [two!.id], claimant: 'A', error: 'HTTP 500', retryAt })).toBe(1);
    let stats = await t.store.alertDeliveryStats(NOW, '2026-12-05T00:00:00.000Z');
    expect(stats).toMatchObject({ pending: 2, retrying: 1, sending: 0, failed: 0, oldestDueAt: NOW });
    expect(stats.sentSince).toBe(1);
    expect(await t.store.claimAlertDeliveries(claimAt('A', NOW))).toEqual([]);
    // B claims the retry at its time and dies; after the claim expires A takes it over.
    const [retried] = await other.claimAlertDeliveries(claimAt('B', retryAt));
    expect(retried).toMatchObject({ id: two!.id, attempts: 2, lastError: 'HTTP 500', claimedBy: 'B' });
    expect(await t.store.claimAlertDeliveries(claimAt('A', '2026-12-05T08:03:00.000Z'))).toEqual([]);
    const [takenOver] = await t.store.claimAlertDeliveries(claimAt('A', '2026-12-05T08:06:30.000Z'));
    expect(takenOver).toMatchObject({ id: two!.id, attempts: 3, claimedBy: 'A' });
    expect(await other.markAlertsSent([two!.id], 'B')).toBe(0);
    await t.store.recordAlertFailure({ ids: [two!.id], claimant: 'A', error: 'HTTP 502', retryAt: null });
    stats = await t.store.alertDeliveryStats(later, '2026-12-05T00:00:00.000Z');
    expect(stats).toMatchObject({ pending: 2, retrying: 0, failed: 1, failedSince: 1, oldestDueAt: later });
    expect((await t.store.listAlertDeliveries({ status: 'failed' }))[0]).toMatchObject({
      lastError: 'HTTP 502',
      scheduleId: null,
    });
    // The digest rows come due at their time, still in one claim.
    const digest = await t.store.claimAlertDeliveries(claimAt('A', later));
    expect(digest.map((d) => [d.mode, d.scheduleId])).toEqual([
      ['digest', 3],
      ['digest', 3],
    ]);
  });
});
