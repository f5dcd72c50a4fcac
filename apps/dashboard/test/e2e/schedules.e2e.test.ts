import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_TOKEN,
  buildDashboard,
  DESKTOP,
  HAS_CHROMIUM,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  startApi,
  type RunningApi,
} from './harness';
import { axeViolations, layoutOverflows, seriousOrCritical } from './page-checks';
import { seedDatabase } from './seed';

/**
 * The schedules view in real Chromium against a real API: list, create (a bad cron expression
 * first, refused by the API), edit, pause and resume, delete; at desktop width and at 375 px,
 * with no sideways overflow and no serious or critical axe-core finding.
 */
describe.skipIf(!HAS_CHROMIUM)('schedules in the dashboard', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let api: RunningApi;

  beforeAll(async () => {
    [dashboard, browser] = await Promise.all([buildDashboard(), launchChromium()]);
    api = await startApi(dashboard.dir, { seed: (store, board, cvDir) => seedDatabase(store, board, cvDir) });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dashboard?.remove();
  });

  async function fits(page: Page): Promise<void> {
    const layout = await layoutOverflows(page);
    expect(layout.problems).toEqual([]);
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
  }

  const row = (page: Page, term: string) => page.locator('.schedules-table tbody tr', { hasText: term });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`lists, creates, edits, pauses, resumes and deletes a schedule at ${viewport.width} px`, async () => {
      const term = `weekly-${viewport.width}`;
      const o = await openPage(browser, api.url, viewport);
      try {
        await o.context.addInitScript((token) => sessionStorage.setItem('jobsearchai.apiToken', token), API_TOKEN);
        const { page } = o;
        await page.goto('/schedules');
        await page.waitForSelector('.state-empty');
        await fits(page);

        await page.getByRole('button', { name: 'New schedule' }).click();
        const form = page.getByRole('form', { name: 'New schedule' });
        await form.getByLabel('Search term').fill(term);
        await form.getByLabel('When (cron)').fill('61 7 * * *');
        await form.getByLabel('Time zone').fill('Europe/Zurich');
        // The browser checks the threshold as the API does (0–10) and names the field.
        await form.getByLabel('Alert from score').fill('11');
        await form.getByRole('button', { name: 'Add schedule' }).click();
        await expect.poll(() => form.locator('.field-error').textContent()).toBe('A whole number from 0 to 10.');
        await form.getByLabel('Alert from score').fill('9');
        await form.getByLabel('Alerts', { exact: true }).selectOption('digest');
        await form.getByRole('button', { name: 'Add schedule' }).click();
        await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/"cron".*Invalid value for minute: 61/);
        await fits(page);
        if (viewport === PHONE) await screenshot(page, 'phone-schedule-form-error');

        await form.getByLabel('When (cron)').fill('0 7 * * 1-5');
        await form.getByRole('button', { name: 'Add schedule' }).click();
        await row(page, term).waitFor();
        await expect.poll(() => row(page, term).textContent()).toMatch(/0 7 \* \* 1-5.*Europe\/Zurich/);
        const [stored] = (await api.store.listSchedules()).filter((s) => s.searchTerm === term);
        expect(stored).toMatchObject({
          cron: '0 7 * * 1-5',
          timeZone: 'Europe/Zurich',
          enabled: true,
          maxPages: 10,
          alertThreshold: 9,
          alertDelivery: 'digest',
        });
        await expect.poll(() => row(page, term).textContent()).toMatch(/Daily digest.*from score 9/);
        await fits(page);
        if (viewport === PHONE) await screenshot(page, 'phone-schedules-list');

        await row(page, term)
          .getByRole('button', { name: `Edit schedule ${stored!.id}` })
          .click();
        const edit = page.getByRole('form', { name: `Edit schedule ${stored!.id}` });
        await expect.poll(() => edit.getByLabel('Search term').inputValue()).toBe(term);
        await edit.getByLabel('When (cron)').fill('30 18 * * *');
        await edit.getByLabel('Max pages').fill('4');
        await expect.poll(() => edit.getByLabel('Alerts', { exact: true }).inputValue()).toBe('digest');
        await edit.getByLabel('Alerts', { exact: true }).selectOption('off');
        await fits(page);
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await expect.poll(() => row(page, term).textContent()).toContain('30 18 * * *');
        expect(await api.store.getSchedule(stored!.id)).toMatchObject({
          cron: '30 18 * * *',
          maxPages: 4,
          alertDelivery: 'off',
          alertThreshold: 9,
        });
        await expect.poll(() => row(page, term).locator('td[data-label="Alerts"]').textContent()).toBe('Off');

        // An alert of one of its runs that the webhook refused: the row says so (after the next refresh).
        const run = await api.store.createRun({
          searchTerm: term,
          cvKey: stored!.cvKey,
          source: 'demo-board',
          matcher: 'heuristic',
          model: null,
          maxPages: 1,
        });
        await api.store.insertMatch({
          jobUrl: `https://www.ostjob.ch/job/${term}/1`,
          searchTerm: term,
          cvKey: stored!.cvKey,
          overallMatch: 9,
          scrapedData: {},
          runId: run.id,
        });
        const due = new Date().toISOString();
        const alertAt = { minScore: 8, mode: 'run', channels: ['webhook'], dueAt: due } as const;
        await api.store.queueRunAlerts({ ...alertAt, runId: run.id, scheduleId: stored!.id });
        const [claimed] = await api.store.claimAlertDeliveries({
          claimant: 'e2e',
          now: due,
          claimExpiresAt: due,
          channels: ['webhook'],
        });
        await api.store.recordAlertFailure({
          ids: [claimed!.id],
          claimant: 'e2e',
          error: 'HTTP 500',
          retryAt: new Date(Date.now() + 3_600_000).toISOString(),
        });

        await row(page, term)
          .getByRole('button', { name: `Pause schedule ${stored!.id}` })
          .click();
        await expect.poll(() => row(page, term).textContent()).toContain('Paused');
        await expect
          .poll(() => row(page, term).locator('td[data-label="Alerts"]').textContent())
          .toBe('OffAlert failing, retried (webhook): HTTP 500');
        await fits(page);
        expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
        expect(await api.store.getSchedule(stored!.id)).toMatchObject({ enabled: false, nextRunAt: null });
        await row(page, term)
          .getByRole('button', { name: `Resume schedule ${stored!.id}` })
          .click();
        await expect.poll(async () => (await api.store.getSchedule(stored!.id))?.enabled).toBe(true);
        await expect.poll(() => row(page, term).textContent()).not.toContain('Paused');

        page.once('dialog', (dialog) => void dialog.accept());
        await row(page, term)
          .getByRole('button', { name: `Delete schedule ${stored!.id}` })
          .click();
        await page.waitForSelector('.state-empty');
        expect(await api.store.getSchedule(stored!.id)).toBeNull();

        // The refused cron expression is the only failed request the page made.
        expect(o.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
      } finally {
        await o.context.close();
      }
    }, 120_000);
  }
});
