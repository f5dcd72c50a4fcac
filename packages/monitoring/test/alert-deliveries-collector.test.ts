// The collector reads the API's match-alert outbox through core's store and the rule fires on what
// it finds: deliveries given up, retrying, or waiting past their time.
import { openTestStore, testProviders, type TestStore } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateRules } from '../src/alerts/rules.js';
import { collectAlertDeliveries } from '../src/collect/alert-deliveries.js';
import { parseMonitoringConfig } from '../src/config/monitoring-config.js';
import { healthySnapshot } from './helpers/snapshots.js';

const CV = 'd'.repeat(64);

describe.each(testProviders())('alert delivery collector on %s', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => t.cleanup());

  it('counts pending, retrying and failed deliveries and the oldest due age; the rule fires', async () => {
    const store = t.store;
    const run = await store.createRun({
      searchTerm: 'IT',
      cvKey: CV,
      source: 'demo',
      matcher: 'stub',
      model: null,
      maxPages: 1,
    });
    for (let n = 1; n <= 3; n++)
      await store.insertMatch({
        jobUrl: `https://www.ostjob.ch/job/monitor-${n}/${n}`,
        searchTerm: 'IT',
        cvKey: CV,
        overallMatch: 9,
        scrapedData: { n },
        runId: run.id,
      });
    const queuedAt = new Date();
    await store.queueRunAlerts({
      runId: run.id,
      minScore: 8,
      mode: 'run',
      channels: ['webhook'],
      dueAt: queuedAt.toISOString(),
      scheduleId: null,
    });
    const claim = {
      now: queuedAt.toISOString(),
      claimExpiresAt: queuedAt.toISOString(),
      channels: ['webhook'] as const,
      limit: 1,
    };
    const [given] = await store.claimAlertDeliveries({ ...claim, claimant: 'api-1' });
    await store.recordAlertFailure({ ids: [given!.id], claimant: 'api-1', error: 'HTTP 410', retryAt: null });
    const [retried] = await store.claimAlertDeliveries({ ...claim, claimant: 'api-1' });
    const retryAt = new Date(queuedAt.getTime() + 60 * 60_000).toISOString();
    await store.recordAlertFailure({ ids: [retried!.id], claimant: 'api-1', error: 'HTTP 500', retryAt });

    const config = parseMonitoringConfig({});
    const now = new Date(queuedAt.getTime() + 90 * 60_000);
    const section = await collectAlertDeliveries({ store, now, config });
    expect(section).toMatchObject({
      pending: 1,
      sending: 0,
      retrying: 1,
      failed: 1,
      failedInWindow: 1,
      windowHours: 24,
    });
    expect(section.oldestDueAt).toBe(queuedAt.toISOString());
    expect(section.oldestDueMinutes).toBeCloseTo(90, 5);

    const result = evaluateRules(healthySnapshot({ alertDeliveries: section }), config).find(
      (r) => r.key === 'alertDeliveries',
    );
    expect(result).toMatchObject({ state: 'firing', severity: 'warning' });
    expect(result!.message).toMatch(/1 given up in 24 h \(limit 0\), 1 retrying, 2 waiting/);

    // A day and more later the failure is out of the window; the retry still waits: oldest due too long ago.
    const later = await collectAlertDeliveries({ store, now: new Date(queuedAt.getTime() + 26 * 3_600_000), config });
    expect(later).toMatchObject({ failed: 1, failedInWindow: 0, retrying: 1 });
  });
});
