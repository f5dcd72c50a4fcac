// Alerts leave the outbox over real channels on loopback: a webhook receiver and an SMTP server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmailSender } from '../../src/alerts/email.js';
import { dispatchDueAlerts, type AlertSenders } from '../../src/alerts/dispatch-alerts.js';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { AlertChannel, AlertDeliveryMode } from '../../src/store/types.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from '../store/fixtures.js';
import { closedPort, startSmtpReceiver, startWebhookReceiver } from './alert-servers.js';

const CV = 'c'.repeat(64);
const NOW = new Date('2026-12-05T08:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const url = (n: number) => `https://www.ostjob.ch/job/data-engineer-${n}/${3_000_000 + n}`;

describe.each(testProviders())('alert dispatch (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** A finished run of `searchTerm` whose matches `numbers` scored `score`, queued for `channels`. */
  async function runWithAlerts(
    searchTerm: string,
    numbers: number[],
    channels: AlertChannel[],
    mode: Exclude<AlertDeliveryMode, 'off'> = 'run',
    dueAt = NOW.toISOString(),
    score = 9,
  ) {
    const run = await t.store.createRun({
      searchTerm,
      cvKey: CV,
      source: 'demo',
      matcher: 'stub',
      model: null,
      maxPages: 1,
    });
    for (const n of numbers)
      await t.store.insertMatch(
        sampleMatch(n, {
          jobUrl: url(n),
          searchTerm,
          cvKey: CV,
          runId: run.id,
          overallMatch: score,
          companyName: `Firma ${n}`,
        }),
      );
    await t.store.finishRun(run.id, { status: 'completed', counters: emptyCounters() });
    await t.store.queueRunAlerts({ runId: run.id, minScore: 8, mode, channels, dueAt, scheduleId: null });
    return run;
  }

  const dispatch = (store: Store, senders: AlertSenders, now: Date, claimant = 'api-1') =>
    dispatchDueAlerts({ store, senders, claimant, logger: silentLogger(), now, maxAttempts: 3, claimTtlMs: 120_000 });

  it('posts one Slack-compatible message per run to a webhook, retries a 500 after a minute, delivers once', async () => {
    const hook = await startWebhookReceiver([500]);
    try {
      const run = await runWithAlerts('Data Engineer', [1, 2], ['webhook']);
      const senders: AlertSenders = { webhook: { url: hook.url, timeoutMs: 5_000 } };
      expect(await dispatch(t.store, senders, NOW)).toMatchObject({ messages: 0, retrying: 2 });
      const [failed] = await t.store.listAlertDeliveries({ status: 'retrying' });
      expect(failed).toMatchObject({ lastError: 'HTTP 500', attempts: 1, nextAttemptAt: at(60_000).toISOString() });
      expect(await dispatch(t.store, senders, at(30_000))).toMatchObject({ messages: 0, sent: 0, retrying: 0 });
      expect(await dispatch(t.store, senders, at(60_000))).toMatchObject({ messages: 1, sent: 2 });
      expect(await dispatch(t.store, senders, at(3_600_000))).toMatchObject({ messages: 0, sent: 0 });
      expect(hook.statuses).toEqual([500, 200]);
      const body = hook.bodies[1]!;
      expect(body).toMatchObject({ mode: 'run', cvKey: CV });
      expect(body.text).toBe(
        [
          `2 new strong matches for "Data Engineer" (CV cccccccc)`,
          `• Software Engineer 1 at Firma 1, 8400 Winterthur: 9/10 ${url(1)}`,
          `• Software Engineer 2 at Firma 2, 9000 St. Gallen: 9/10 ${url(2)}`,
        ].join('\n'),
      );
      expect(body.matches).toEqual([
        expect.objectContaining({
          title: 'Software Engineer 1',
          company: 'Firma 1',
          score: 9,
          url: url(1),
          runId: run.id,
        }),
        expect.objectContaining({
          title: 'Software Engineer 2',
          company: 'Firma 2',
          score: 9,
          url: url(2),
          runId: run.id,
        }),
      ]);
      expect((await t.store.listAlertDeliveries()).map((d) => d.status)).toEqual(['sent', 'sent']);
    } finally {
      await hook.close();
    }
  });

  it('sends an email over SMTP with the recipients, subject, text and HTML; a refused connection is retried', async () => {
    const smtp = await startSmtpReceiver();
    const refused = createEmailSender({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: 'alerts@jobsearch.example',
      to: ['me@example.org'],
      timeoutMs: 5_000,
    });
    const email = createEmailSender({
      smtpUrl: smtp.url,
      from: 'JobSearchAI <alerts@jobsearch.example>',
      to: ['me@example.org', 'partner@example.org'],
      timeoutMs: 5_000,
    });
    try {
      await runWithAlerts('Data <Engineer>', [3], ['email'], 'run', NOW.toISOString(), 10);
      expect(await dispatch(t.store, { email: refused }, NOW)).toMatchObject({ retrying: 1 });
      const [retrying] = await t.store.listAlertDeliveries();
      expect(retrying).toMatchObject({ status: 'retrying', attempts: 1 });
      expect(retrying!.lastError).toMatch(/ECONNREFUSED/);
      expect(await dispatch(t.store, { email }, at(60_000))).toMatchObject({ messages: 1, sent: 1 });
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0]!;
      expect(mail.from).toBe('alerts@jobsearch.example');
      expect(mail.to).toEqual(['me@example.org', 'partner@example.org']);
      const raw = mail.raw.replace(/=\r?\n/g, '');
      expect(subjectOf(mail.raw)).toBe('JobSearchAI: New strong match for "Data <Engineer>" (CV cccccccc)');
      expect(raw).toContain(`Software Engineer 3 at Firma 3, 8400 Winterthur: 10/10 ${url(3)}`);
      expect(raw).toContain('Content-Type: text/html');
      expect(raw).toContain('<a href=3D"https://www.ostjob.ch/job/data-engineer-3/3000003">Software Engineer 3</a>');
      expect(raw).toContain('(search "Data &lt;Engineer&gt;")');
    } finally {
      email.close();
      refused.close();
      await smtp.close();
    }
  });

  it('gathers the pending digest alerts of a CV into one message at the digest time', async () => {
    const hook = await startWebhookReceiver();
    try {
      const digestAt = at(3 * 3_600_000);
      await runWithAlerts('IT', [4, 5], ['webhook'], 'digest', digestAt.toISOString());
      await runWithAlerts('Informatik', [6], ['webhook'], 'digest', digestAt.toISOString());
      const senders: AlertSenders = { webhook: { url: hook.url, timeoutMs: 5_000 } };
      expect(await dispatch(t.store, senders, at(3 * 3_600_000 - 1))).toMatchObject({ messages: 0 });
      expect(hook.bodies).toHaveLength(0);
      expect(await dispatch(t.store, senders, digestAt)).toMatchObject({ messages: 1, sent: 3 });
      expect(hook.bodies).toHaveLength(1);
      expect(hook.bodies[0]).toMatchObject({ mode: 'digest', cvKey: CV });
      expect(String(hook.bodies[0]!.text)).toMatch(
        /^Daily digest: 3 new strong matches for "IT", "Informatik" \(CV cccccccc\)\n/,
      );
    } finally {
      await hook.close();
    }
  });

  it('gives up after the last attempt (failed)', async () => {
    const hook = await startWebhookReceiver([503, 503, 503]);
    try {
      await runWithAlerts('IT', [7], ['webhook']);
      const senders: AlertSenders = { webhook: { url: hook.url, timeoutMs: 5_000 } };
      expect(await dispatch(t.store, senders, NOW)).toMatchObject({ retrying: 1 });
      expect(await dispatch(t.store, senders, at(60_000))).toMatchObject({ retrying: 1 });
      expect(await dispatch(t.store, senders, at(6 * 60_000))).toMatchObject({ failed: 1 });
      expect(await dispatch(t.store, senders, at(24 * 3_600_000))).toMatchObject({ messages: 0, failed: 0 });
      expect(hook.statuses).toEqual([503, 503, 503]);
      expect((await t.store.alertDeliveryStats(at(24 * 3_600_000).toISOString(), NOW.toISOString())).failedSince).toBe(
        1,
      );
    } finally {
      await hook.close();
    }
  });

  it('two dispatchers on separate connections send each posting once', async () => {
    const hook = await startWebhookReceiver();
    const second = await openStore({ url: t.database.url, migrate: false });
    try {
      for (let r = 0; r < 6; r++) await runWithAlerts(`term ${r}`, [10 * r + 1, 10 * r + 2, 10 * r + 3], ['webhook']);
      const senders: AlertSenders = { webhook: { url: hook.url, timeoutMs: 5_000 } };
      const dispatchers = [
        { store: t.store, claimant: 'api-1' },
        { store: second, claimant: 'api-2' },
      ];
      for (let round = 0; round < 3; round++)
        await Promise.all(
          dispatchers.map((d) =>
            dispatchDueAlerts({
              ...d,
              senders,
              logger: silentLogger(),
              now: NOW,
              maxAttempts: 3,
              claimTtlMs: 120_000,
              limit: 4,
            }),
          ),
        );
      const urls = hook.bodies.flatMap((b) => (b.matches as { url: string }[]).map((m) => m.url));
      expect(urls).toHaveLength(18);
      expect(new Set(urls).size).toBe(18);
      expect((await t.store.listAlertDeliveries({ status: 'sent', limit: 100 })).length).toBe(18);
    } finally {
      await second.close();
      await hook.close();
    }
  });
});

/** The Subject header, unfolded and with its RFC 2047 Q-encoded words decoded. */
function subjectOf(raw: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) =>
      Buffer.from(
        word
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    )
    .trim();
}

function emptyCounters() {
  return {
    pagesScraped: 1,
    pagesSaved: 0,
    postingsSeen: 3,
    postingsNew: 3,
    postingsDuplicate: 0,
    postingsReused: 0,
    llmCalls: 3,
    llmFailed: 0,
    llmSaved: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    costSavedUsd: 0,
    flexFallbacks: 0,
  };
}
