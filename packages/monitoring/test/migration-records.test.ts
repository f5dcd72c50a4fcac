import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLegacyFile } from '@jobsearchai/core/legacy-import';
import { openTestStore, testProviders, type TestStore } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentMetrics } from '../src/agent/agent-metrics.js';
import { MonitorAgent } from '../src/agent/monitor-agent.js';
import { createMetrics, metricsText } from '../src/metrics/create-metrics.js';
import { agentSettings } from './helpers/agent-setup.js';
import { memoryLogger } from './helpers/memory-logger.js';
import { tempDirs } from './helpers/temp-dir.js';

const CV_KEY = '0123456789abcdef';
const dirs = tempDirs();

function record(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_title: `Informatiker/in EFZ ${n}`,
    company_name: 'Muster AG',
    location: '9000 St. Gallen',
    application_url: `https://www.ostjob.ch/job/informatiker-efz/${1_040_000 + n}`,
    overall_match: 7,
    skills_match: 7,
    reasoning: `Die Stelle ${n} passt.`,
    ...overrides,
  };
}

/** Two legacy files as `jobsearch-migrate migrate` imports them: the second replaces a failed evaluation of the first. */
async function importTwoFiles(t: TestStore, dir: string) {
  const first = join(dir, 'job_matches_20250314_091500.json');
  writeFileSync(
    first,
    JSON.stringify([
      record(1),
      record(2, { overall_match: 0, skills_match: 0, reasoning: 'Error evaluating match' }),
      record(3, { application_url: undefined }),
    ]),
  );
  const second = join(dir, 'job_matches_20250315_091500.json');
  writeFileSync(second, JSON.stringify([record(1), record(2, { overall_match: 9 })]));
  const a = await importLegacyFile(t.store, { path: first, searchTerm: 'IT', cvKey: CV_KEY });
  const b = await importLegacyFile(t.store, { path: second, searchTerm: 'IT', cvKey: CV_KEY });
  return [a, b] as const;
}

describe.each(testProviders())(
  'jobsearch_migration_records_total from the imports in the database (%s)',
  (provider) => {
    let t: TestStore;
    let dir: string;
    beforeEach(async () => {
      t = await openTestStore(provider);
      dir = mkdtempSync(join(tmpdir(), 'migration-records-'));
    });
    afterEach(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
      dirs.cleanup();
    });

    it('counts every outcome, replaced included, in the API library, the agent snapshot and the agent metrics', async () => {
      const metrics = createMetrics({ defaultMetrics: false, migrationRecords: () => t.store.migrationRecordTotals() });
      // Nothing imported yet: every outcome at 0.
      expect(await metricsText(metrics.registry)).toContain('jobsearch_migration_records_total{outcome="migrated"} 0');

      const [a, b] = await importTwoFiles(t, dir);
      expect(b.replacedFailed).toBe(1);
      const expected = {
        migrated: a.migrated + b.migrated,
        duplicate: a.duplicates + b.duplicates,
        updated: a.updated + b.updated,
        replaced: a.replacedFailed + b.replacedFailed,
        rejected: a.rejected + b.rejected,
      };
      expect(expected.rejected).toBe(1);
      expect(expected.migrated).toBeGreaterThan(0);

      const text = await metricsText(metrics.registry);
      for (const [outcome, n] of Object.entries(expected))
        expect(text).toContain(`jobsearch_migration_records_total{outcome="${outcome}"} ${n}`);

      const agent = new MonitorAgent({
        settings: agentSettings(dirs.make(), t.database.url),
        logger: memoryLogger().logger,
        metrics: createAgentMetrics(),
      });
      try {
        const { snapshot } = await agent.tick();
        expect(snapshot.migration).toEqual({ imports: 2, records: expected });
        const agentText = await metricsText(agent.metrics.registry);
        expect(agentText).toContain('# TYPE jobsearch_migration_records_total counter');
        expect(agentText).toContain(`jobsearch_migration_records_total{outcome="replaced"} 1`);
        expect(agentText).toContain(`jobsearch_migration_records_total{outcome="migrated"} ${expected.migrated}`);
      } finally {
        await agent.close();
      }
    });
  },
);
